/**
 * Secrets found by content, with secretlint's recommended rules (a maintained detector: private
 * keys, cloud credentials, service-account JSON, tokens of the common services) rather than
 * patterns of our own, plus the one shape it lacks (a kubeconfig with credentials). Used by
 * checkpoints after the file-name rules (core/rules/looks-like-secret.ts). The whole file is read,
 * in overlapping pieces; UTF-16 is decoded; binary files and files over MAX_FILE_BYTES are held back
 * unless the plan lists them.
 */
import { open } from "node:fs/promises";
import { constants } from "node:fs";

/** Larger files are not read: held back unless listed (a checkpoint is no place for a 150 MB dump). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Text handed to secretlint at a time; pieces overlap so a secret across a boundary is seen whole. */
const PIECE = 2 * 1024 * 1024;
const OVERLAP = 64 * 1024;

/**
 * secretlint and its rules, loaded on the first check only: every other command (status above all)
 * starts without them.
 */
type Lint = typeof import("@secretlint/core").lintSource;
let loading: Promise<{ lintSource: Lint; config: Parameters<Lint>[0]["options"]["config"] }> | undefined;
function loadSecretlint() {
  loading ??= Promise.all([import("@secretlint/core"), import("@secretlint/secretlint-rule-preset-recommend")]).then(
    ([core, preset]) => ({
      lintSource: core.lintSource,
      config: { rules: [{ id: "@secretlint/secretlint-rule-preset-recommend", rule: preset.creator }] },
    }),
  );
  return loading;
}

/**
 * Start loading secretlint now, without waiting: a checkpoint calls this before its `git status`, so
 * the bundle's rules are read and compiled while git works. A failure shows at the first check.
 */
export function preloadSecretlint(): void {
  loadSecretlint().catch(() => undefined);
}

export interface SecretFinding {
  /** The rule that matched, e.g. `@secretlint/secretlint-rule-privatekey`, `binary`, `too-large`. */
  rule: string;
  message: string;
}

type Encoding = "utf8" | "utf16le" | "utf16be";

/**
 * Why the regular file at `absolute` must not be committed: the first secret found, or (unless
 * `listed`) that it is binary or too large to read; undefined when it may be committed.
 */
export async function detectSecretContent(
  absolute: string,
  options: { listed?: boolean } = {},
): Promise<SecretFinding | undefined> {
  const handle = await open(absolute, constants.O_RDONLY | constants.O_NONBLOCK).catch(() => undefined);
  if (handle === undefined) return undefined;
  try {
    const { size } = await handle.stat();
    if (size > MAX_FILE_BYTES) {
      if (options.listed === true) return undefined;
      return {
        rule: "too-large",
        message: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB (${size} bytes), not read`,
      };
    }
    const head = Buffer.alloc(Math.min(size, 8192));
    await handle.read(head, 0, head.length, 0);
    const { encoding, skip } = detectEncoding(head);
    let binary = false;
    for (let at = skip; at < size; at += PIECE) {
      const length = Math.min(size - at, PIECE + OVERLAP);
      const bytes = Buffer.alloc(length);
      const { bytesRead } = await handle.read(bytes, 0, length, at);
      const piece = bytes.subarray(0, bytesRead);
      if (encoding === "utf8" && piece.includes(0)) binary = true;
      const found = await lint(absolute, decode(piece, encoding));
      if (found) return found;
      if (bytesRead < length) break;
    }
    if (binary && options.listed !== true)
      return { rule: "binary", message: "a binary file (it holds NUL bytes); the plan does not list it" };
    return undefined;
  } finally {
    await handle.close();
  }
}

/** A UTF-16 byte order mark, or text that is mostly ASCII in UTF-16 (every other byte NUL). */
function detectEncoding(head: Buffer): { encoding: Encoding; skip: number } {
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf16le", skip: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf16be", skip: 2 };
  const pairs = Math.floor(head.length / 2);
  if (pairs < 8) return { encoding: "utf8", skip: 0 };
  let le = 0;
  let be = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (head[i] !== 0 && head[i + 1] === 0) le++;
    if (head[i] === 0 && head[i + 1] !== 0) be++;
  }
  if (le >= pairs * 0.9) return { encoding: "utf16le", skip: 0 };
  if (be >= pairs * 0.9) return { encoding: "utf16be", skip: 0 };
  return { encoding: "utf8", skip: 0 };
}

function decode(bytes: Buffer, encoding: Encoding): string {
  const even = encoding === "utf8" ? bytes : bytes.subarray(0, bytes.length - (bytes.length % 2));
  if (encoding === "utf16be") return Buffer.from(even).swap16().toString("utf16le");
  return even.toString(encoding);
}

async function lint(absolute: string, content: string): Promise<SecretFinding | undefined> {
  const kube = kubeconfigCredential(content);
  if (kube) return kube;
  const { lintSource, config } = await loadSecretlint();
  const result = await lintSource({
    source: { filePath: profilerSafe(absolute), content, contentType: "text" },
    options: { config, maskSecrets: true },
  });
  const message = result.messages[0];
  // The message quotes the match masked as `****…`: keep the words, drop the stars.
  return message && { rule: message.ruleId, message: message.message.replace(/:?\s*\*{4,}/g, "").trim() };
}

/**
 * A kubeconfig (`kind: Config` with `users:`) that carries a credential: a bearer token, a client
 * key, a password. secretlint's rules do not know this shape; whatever the file is called, it grants
 * access to a cluster.
 */
function kubeconfigCredential(content: string): SecretFinding | undefined {
  if (!/^kind:\s*["']?Config["']?\s*$/m.test(content) || !/^users:/m.test(content)) return undefined;
  const field = /^\s+(token|client-key-data|password|id-token|refresh-token):\s*\S/m.exec(content)?.[1];
  return field ? { rule: "kubeconfig", message: `a kubeconfig with a credential (${field})` } : undefined;
}

/**
 * The path as secretlint may see it: its rules read the name (`.npmrc`, `package.json`), but its
 * profiler builds performance-mark names from it and matches them with `.` and `::end||`, so a line
 * break, `:` or `|` in a file name made it measure a mark that does not exist and crash the process.
 */
function profilerSafe(path: string): string {
  // eslint-disable-next-line no-control-regex
  return path.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029:|]/g, "_");
}
