// Deliverables the example's authors write, one Kiro spec folder per task (`.kiro/specs/<slug>/`):
// design.md (design phase), requirements.md (spec), tasks.md (task; ticked during execute).
const design = (title, overview, components) => `# Design Document: ${title}

## Overview

${overview}

## Architecture

${components.map((c) => `- **${c[0]}**: ${c[1]}`).join("\n")}

## Error Handling

Every failure returns a typed error with a stable code; nothing is retried silently.

## Testing Strategy

Unit tests for each component, one end-to-end test per requirement.
`;

const requirements = (intro, reqs) => `# Requirements Document

## Introduction

${intro}

## Requirements

${reqs
  .map(
    ([title, story, criteria], i) => `### Requirement ${i + 1}: ${title}

**User Story:** ${story}

#### Acceptance Criteria

${criteria.map((c, j) => `${j + 1}. ${c}`).join("\n")}
`,
  )
  .join("\n")}`;

const tasks = (items) => `# Implementation Plan

${items.map(([title, subs]) => `- [ ] ${title}\n${subs.map((s) => `  ${s}`).join("\n")}`).join("\n\n")}
`;

export const SPECS = {
  T1: {
    slug: "token-service",
    design: design(
      "Token service",
      "Access tokens live 15 minutes and are signed with Ed25519; refresh tokens rotate on every use.",
      [
        ["Signer", "loads the active key pair and signs claims"],
        ["Verifier", "checks signature, expiry and audience; caches public keys"],
        ["Refresh store", "remembers the family of each refresh token to detect reuse"],
      ],
    ),
    requirements: requirements("Short-lived tokens replace server-side sessions.", [
      [
        "Issue tokens",
        "As a client, I want an access token after login, so that I can call the API.",
        [
          "WHEN a user logs in THEN the service SHALL return an access token valid for 15 minutes",
          "WHEN a token is issued THEN it SHALL carry the user id and audience",
        ],
      ],
      [
        "Rotate refresh tokens",
        "As a security engineer, I want refresh tokens to rotate, so that a stolen one is detected.",
        [
          "WHEN a refresh token is used THEN the service SHALL issue a new one and revoke the old",
          "IF a revoked refresh token is presented THEN the service SHALL revoke its whole family",
        ],
      ],
    ]),
    tasks: tasks([
      [
        "1. Implement the signer and verifier",
        [
          "- [ ] 1.1 Sign claims with the active Ed25519 key",
          "  - _Requirements: 1.1, 1.2_",
          "- [ ] 1.2 Verify signature, expiry and audience",
          "  - _Requirements: 1.1_",
          "- [ ]* 1.3 Write property tests for sign/verify round trips",
          "  - _Requirements: 1.2_",
        ],
      ],
      [
        "2. Implement refresh rotation",
        ["- [ ] 2.1 Store token families and detect reuse", "  - _Requirements: 2.1, 2.2_"],
      ],
    ]),
    code: {
      "src/token.js":
        "export const TOKEN_TTL_SECONDS = 900;\nexport function sign(claims, key) {\n  return { claims, sig: key.sign(JSON.stringify(claims)) };\n}\n",
    },
  },
  T2: {
    slug: "session-migration",
    design: design(
      "Session migration",
      "A one-off job converts each live session into a refresh token family; the old cookie keeps working until it expires.",
      [
        ["Exporter", "streams live sessions in batches of 1,000"],
        ["Converter", "creates one refresh token family per session"],
      ],
    ),
    requirements: requirements("Nobody is logged out by the switch to tokens.", [
      [
        "Convert sessions",
        "As a signed-in user, I want to stay signed in, so that the migration is invisible.",
        [
          "WHEN the migration runs THEN every live session SHALL get a refresh token family",
          "WHEN a converted session is used THEN the service SHALL accept it until it expires",
        ],
      ],
    ]),
    tasks: tasks([
      [
        "1. Build the migration job",
        [
          "- [ ] 1.1 Export sessions in batches",
          "  - _Requirements: 1.1_",
          "- [ ] 1.2 Convert each session to a token family",
          "  - _Requirements: 1.1, 1.2_",
        ],
      ],
    ]),
    code: {
      "src/migrate-sessions.js":
        "export async function migrate(sessions, tokens) {\n  for await (const s of sessions) await tokens.createFamily(s.userId);\n}\n",
    },
  },
  T3: {
    slug: "admin-audit-log",
    design: design(
      "Admin audit log",
      "Every admin action appends one record (actor, action, target, time) to an append-only table.",
      [
        ["Recorder", "middleware that records each admin request after it succeeds"],
        ["Query API", "filters by actor and time range, newest first"],
      ],
    ),
    requirements: requirements("Admins' actions are traceable.", [
      [
        "Record actions",
        "As an auditor, I want every admin action recorded, so that I can trace changes.",
        [
          "WHEN an admin action succeeds THEN the system SHALL append a record with actor, action, target and time",
          "The system SHALL NOT allow records to be changed or deleted",
        ],
      ],
      [
        "Query the log",
        "As an auditor, I want to filter the log, so that I find what I need.",
        ["WHEN an auditor filters by actor or time range THEN the system SHALL return matching records newest first"],
      ],
    ]),
    tasks: tasks([
      ["1. Record admin actions", ["- [ ] 1.1 Add the recorder middleware", "  - _Requirements: 1.1, 1.2_"]],
      ["2. Query API", ["- [ ] 2.1 Filter by actor and time range", "  - _Requirements: 2.1_"]],
    ]),
    code: {
      "src/audit.js":
        "export function record(db, entry) {\n  return db.insert('audit_log', { ...entry, at: new Date().toISOString() });\n}\n",
    },
  },
  T4: {
    slug: "rollout-and-docs",
    design: design(
      "Rollout and docs",
      "Tokens ship behind the `auth_v2` flag: 1 %, 10 %, 50 %, 100 % over two weeks, with a guide for API clients.",
      [
        ["Flag", "per-tenant switch read at login"],
        ["Guide", "how clients refresh tokens and what errors mean"],
      ],
    ),
    requirements: requirements("The switch is staged and documented.", [
      [
        "Staged rollout",
        "As an operator, I want to roll out gradually, so that problems stay small.",
        [
          "WHEN the flag is off for a tenant THEN logins SHALL keep using sessions",
          "WHEN the flag is on THEN logins SHALL return tokens",
        ],
      ],
    ]),
    tasks: tasks([
      [
        "1. Ship the flag and the guide",
        [
          "- [ ] 1.1 Read the auth_v2 flag at login",
          "  - _Requirements: 1.1, 1.2_",
          "- [ ] 1.2 Write the client migration guide",
          "  - _Requirements: 1.2_",
        ],
      ],
    ]),
    code: {
      "src/flags.js": "export const isAuthV2 = (tenant) => tenant.flags.includes('auth_v2');\n",
      "docs/auth-v2-guide.md": "# Migrating to auth v2\n\nCall `/token/refresh` before the access token expires.\n",
    },
  },
};
