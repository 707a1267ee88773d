/** A small plan used by CLI tests: T2 depends on T1; the test command fails while FAIL exists. */
export const SAMPLE_PLAN = `version: 1
id: m1
title: Milestone one
approvers: [alice]
settings:
  test_command: node check.mjs
tasks:
  - id: T1
    title: First task
    spec: first
    assignees: [bob]
  - id: T2
    title: Second task
    spec: second
    dependencies: [T1]
`;

export const CHECK_SCRIPT = `import { existsSync } from "node:fs";
if (existsSync("FAIL")) { console.error("1 test failed"); process.exit(1); }
console.log("all tests passed");
`;

export const DESIGN = "# Design\n\n## Overview\n\nHow it works.\n";
export const REQUIREMENTS =
  "# Requirements Document\n\n## Requirements\n\n### Requirement 1: Works\n\n#### Acceptance Criteria\n\n1. WHEN used THEN the system SHALL work\n";
export const TASKS_OPEN = "# Implementation Plan\n\n- [ ] 1. Build it\n  - _Requirements: 1.1_\n";
export const TASKS_DONE = "# Implementation Plan\n\n- [x] 1. Build it\n  - _Requirements: 1.1_\n";

export function sampleFiles(plan = SAMPLE_PLAN): Record<string, string> {
  return { ".milestones/m1.yaml": plan, "check.mjs": CHECK_SCRIPT, ".gitignore": "node_modules/\n" };
}
