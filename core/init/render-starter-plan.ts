import { PLAN_SCHEMA_ID } from "../plan/render-json-schema.js";

export interface StarterPlanInput {
  id: string;
  title: string;
  /** GitHub logins or `@org/team`; none leaves the line commented out (approvers by permission). */
  approvers: string[];
  /** The repository's test command (`npm test` when package.json has a test script), else none. */
  testCommand?: string;
}

/** A YAML scalar that reads back as exactly `text`: JSON's double-quoted strings are YAML's too. */
const quote = (text: string) => JSON.stringify(text);

/**
 * The plan `phasegate init` writes: one milestone of two tasks in the default `kiro` workflow, the
 * second waiting for the first, with comments that say what to change. It validates as written, so
 * `phasegate validate` passes before anyone edits it.
 */
export function renderStarterPlan(input: StarterPlanInput): string {
  const approvers =
    input.approvers.length > 0
      ? `approvers: [${input.approvers.map(quote).join(", ")}] # who may approve gates: logins or "@org/team"`
      : '# approvers: [your-login, "@org/team"] # who may approve gates; unset: anyone with write permission';
  const settings = input.testCommand
    ? [
        "settings:",
        `  test_command: ${quote(input.testCommand)} # the execute phase's "tests pass" signal, run without a shell`,
      ]
    : ["# settings:", '#   test_command: npm test # the execute phase\'s "tests pass" signal, run without a shell'];
  return [
    `# yaml-language-server: $schema=${PLAN_SCHEMA_ID}`,
    "# A milestone plan (docs/plan-format.md). Commit it on the default branch: plans are read from there.",
    "version: 1",
    `id: ${input.id} # also the file name and the milestone branch, milestone/${input.id}`,
    `title: ${quote(input.title)}`,
    "# due: 2030-12-31",
    approvers,
    ...settings,
    "# Each task goes through design, spec, task and execute (the kiro workflow), its files in",
    "# .kiro/specs/<spec>/: design.md, requirements.md, tasks.md; a gate waits for an approval.",
    "tasks:",
    "  - id: T1",
    '    title: "First piece of work: rename me"',
    "    spec: first-piece",
    "    # assignees: [your-login]",
    "  - id: T2",
    '    title: "Second piece of work, once T1 is done"',
    "    spec: second-piece",
    "    dependencies: [T1]",
    "",
  ].join("\n");
}
