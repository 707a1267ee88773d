/**
 * GitHub's CODEOWNERS file: where it is looked for, its syntax, and which owners a path has.
 * https://docs.github.com/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners
 * Each line is a gitignore-style pattern and its owners (`@user`, `@org/team`, or an email, which
 * Phasegate cannot map to a login and skips). The last matching line wins, even with no owners.
 */

/** GitHub reads the first of these that exists, on the default branch. */
export const CODEOWNERS_PATHS = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"] as const;

export interface CodeownersRule {
  pattern: string;
  /** `@`-less logins and `@org/team` (lowercased teams), as written. */
  owners: string[];
  line: number;
  matcher: RegExp;
}

/** Parse the file; lines that are not patterns GitHub accepts are skipped (GitHub skips them too). */
export function parseCodeowners(text: string): CodeownersRule[] {
  const rules: CodeownersRule[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = stripComment(raw).trim();
    if (line === "") return;
    const [pattern, ...rest] = line.split(/\s+/) as [string, ...string[]];
    // `!` negation and `[ ]` ranges are not supported by GitHub's CODEOWNERS; such lines do nothing.
    if (pattern.startsWith("!") || pattern.includes("[")) return;
    const owners = rest.filter((o) => o.startsWith("@")).map((o) => (o.includes("/") ? o.toLowerCase() : o.slice(1)));
    rules.push({ pattern, owners, line: index + 1, matcher: compilePattern(pattern) });
  });
  return rules;
}

/** The owners of `path` (last matching rule wins), or undefined when no rule matches. */
export function ownersOf(rules: readonly CodeownersRule[], path: string): string[] | undefined {
  for (let i = rules.length - 1; i >= 0; i--) {
    const rule = rules[i]!;
    if (rule.matcher.test(path)) return rule.owners;
  }
  return undefined;
}

function stripComment(line: string): string {
  // `\#` is a literal hash in a pattern; any other `#` starts a comment.
  const at = line.search(/(^|[^\\])#/);
  if (at === -1) return line;
  return line.slice(0, line.charAt(at) === "#" ? at : at + 1);
}

/**
 * gitignore rules as CODEOWNERS uses them: a pattern with a `/` at the start or in the middle is
 * anchored at the root, otherwise it matches at any depth; a trailing `/` (or a match of a folder)
 * covers everything beneath (but `dir/*` only the folder's own files); `*` stays within a path segment, `**` crosses them, `?` is one character.
 */
export function compilePattern(pattern: string): RegExp {
  let p = pattern.replace(/\\#/g, "#");
  const directory = p.endsWith("/");
  if (directory) p = p.slice(0, -1);
  const anchored = p.startsWith("/") || p.includes("/");
  p = p.replace(/^\//, "");
  let body = "";
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === "*" && p[i + 1] === "*") {
      const slashAfter = p[i + 2] === "/";
      const atStart = i === 0 || p[i - 1] === "/";
      if (atStart && slashAfter) {
        body += "(?:.*/)?";
        i += 2;
      } else {
        body += ".*";
        i += 1;
      }
    } else if (c === "*") body += "[^/]*";
    else if (c === "?") body += "[^/]";
    else body += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  const prefix = anchored ? "^" : "^(?:.*/)?";
  // A pattern names a file or a folder, and everything under a matched folder is matched too, except
  // after a final `/*`: GitHub's `docs/*` owns `docs/a.md`, not `docs/build/a.md`.
  const suffix = directory ? "/" : /(^|\/)\*$/.test(p) ? "$" : "(?:$|/)";
  return new RegExp(`${prefix}${body}${suffix}`);
}
