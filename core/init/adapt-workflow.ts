/** What the Action-only workflow set in docs/workflows/action-only names for the auth-v2 example. */
const EXAMPLE_MILESTONE = /\bauth-v2\b/g;
const EXAMPLE_BRANCH = /^(\s*branches:\s*)\[main\]/m;
const ACTION_REFERENCE = /<owner>\/phasegate@v1/g;

/** `owner/repo@ref` (or `owner/repo/path@ref`): what may follow `uses:` in a workflow, nothing else. */
export const ACTION_USES_PATTERN =
  /^[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._/-]+)?@[A-Za-z0-9._/-]+$/;

/**
 * One workflow of the Action-only set, made this repository's: its milestone instead of the example's,
 * its default branch, and the Action's reference when one is given (else `<owner>` stays for the
 * person to fill in, as docs/action.md#referencing-the-action says). Pure text edits: the comments
 * that explain each trigger and permission stay.
 */
export function adaptWorkflow(text: string, input: { milestone: string; branch: string; uses?: string }): string {
  let out = text
    .replace(EXAMPLE_MILESTONE, input.milestone)
    .replace(EXAMPLE_BRANCH, (_, head: string) => `${head}[${JSON.stringify(input.branch)}]`);
  if (input.uses !== undefined) out = out.replace(ACTION_REFERENCE, input.uses);
  return out;
}
