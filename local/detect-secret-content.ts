/**
 * Secrets found by content, with secretlint's recommended rules (a maintained detector: private
 * keys, cloud credentials, service-account JSON, tokens of the common services) rather than
 * patterns of our own. Used by checkpoints after the file-name rules (core/rules/looks-like-secret.ts).
 */
import { lintSource } from "@secretlint/core";
import { creator as recommended } from "@secretlint/secretlint-rule-preset-recommend";
import { readIfExists } from "./read-regular-file.js";

/** Bytes read per file: secrets sit in small files; a large generated file is checked up to here. */
const MAX_BYTES = 2 * 1024 * 1024;

const config = { rules: [{ id: "@secretlint/secretlint-rule-preset-recommend", rule: recommended }] };

export interface SecretFinding {
  /** The secretlint rule that matched, e.g. `@secretlint/secretlint-rule-privatekey`. */
  rule: string;
  message: string;
}

/** The first secret secretlint finds in the file at `absolute` (a regular file), or undefined. */
export async function detectSecretContent(absolute: string): Promise<SecretFinding | undefined> {
  const bytes = await readIfExists(absolute);
  if (bytes === undefined) return undefined;
  const head = bytes.subarray(0, MAX_BYTES);
  if (head.subarray(0, 8192).includes(0)) return undefined; // binary: secretlint's rules read text
  const result = await lintSource({
    source: { filePath: absolute, content: head.toString("utf8"), contentType: "text" },
    options: { config, maskSecrets: true },
  });
  const message = result.messages[0];
  // The message quotes the match masked as `****…`: keep the words, drop the stars.
  return message && { rule: message.ruleId, message: message.message.replace(/:?\s*\*{4,}/g, "").trim() };
}
