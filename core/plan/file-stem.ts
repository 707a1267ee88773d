/** The last segment of a path, with `/` or `\\` separators. */
export function baseName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\")) + 1);
}

/** The milestone id a plan's file name declares: `.milestones/active/auth-v2.yaml` → `auth-v2`. */
export function fileStem(file: string): string {
  return baseName(file).replace(/\.ya?ml$/i, "");
}
