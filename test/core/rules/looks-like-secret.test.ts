import { describe, expect, it } from "vitest";
import { looksLikeSecret } from "../../../core/rules/looks-like-secret.js";

describe("looksLikeSecret", () => {
  it.each([
    ".env",
    "app/.env.production",
    "prod.env",
    "certs/server.pem",
    "deploy/id_ed25519",
    "gcp/credentials-prod.json",
    ".npmrc",
    ".git-credentials",
    "infra/terraform.tfstate",
    "home/.ssh/config",
    ".aws/credentials",
    "config/secrets.yml",
    "KEYS/Private.KEY",
    ".kube/config",
    ".envrc",
    "infra/terraform.tfvars",
    "application_default_credentials.json",
    "home/id_ecdsa_sk",
    "id_rsa.bak",
    "key.pem.old",
    "_netrc",
  ])("%s is a secret", (path) => expect(looksLikeSecret(path)).toBe(true));

  it.each([
    ".env.example",
    ".env.sample",
    "src/env.ts",
    "docs/keys.md",
    "README.md",
    ".kiro/specs/x/tasks.md",
    "package.json",
    ".envrc.md",
    "src/old.ts",
    "notes.bak",
    "kube/config",
  ])("%s is not", (path) => expect(looksLikeSecret(path)).toBe(false));
});
