/**
 * Why `name` is not a valid git branch name, or undefined when it is one. Follows
 * `git check-ref-format --branch` (https://git-scm.com/docs/git-check-ref-format), so a plan can
 * never name a branch that git or GitHub would refuse when the first checkpoint is pushed.
 */
export function explainBranchName(name: string): string | undefined {
  if (name.length === 0) return "is empty";
  if (name.length > 255) return "is longer than 255 characters";
  if (/[\p{Cc} ~^:?*[\\]/u.test(name)) {
    return "contains a space, a control character or one of ~ ^ : ? * [ \\";
  }
  if (name === "@" || name.includes("@{")) return "contains `@{` or is `@`";
  if (name === "HEAD") return "is `HEAD`";
  if (name.startsWith("-")) return "starts with `-`";
  if (name.startsWith("/") || name.endsWith("/") || name.includes("//")) return "has an empty path component";
  if (name.includes("..")) return "contains `..`";
  if (name.endsWith(".")) return "ends with `.`";
  for (const component of name.split("/")) {
    if (component.startsWith(".")) return "has a component that starts with `.`";
    if (component.endsWith(".lock")) return "has a component that ends with `.lock`";
  }
  return undefined;
}
