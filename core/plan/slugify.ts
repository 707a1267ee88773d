/** Letters NFKD does not decompose into ASCII. */
const FOLD: Record<string, string> = { ß: "ss", æ: "ae", ø: "o", œ: "oe", ł: "l", đ: "d", ð: "d", þ: "th", ı: "i" };

export const SLUG_MAX = 64;

/**
 * `"Token Service (v2)"` → `token-service-v2`: ASCII-folded, lowercase, runs of other characters
 * become one `-`, at most 64 characters. Empty when nothing ASCII is left (e.g. a Japanese title).
 */
export function slugify(text: string): string {
  const folded = text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\P{ASCII}/gu, (char) => FOLD[char] ?? " ");
  return folded
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, SLUG_MAX)
    .replace(/-+$/, "");
}
