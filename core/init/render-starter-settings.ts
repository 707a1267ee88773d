/**
 * The `.github/phasegate.yml` that `phasegate init` writes: every key commented out at its built-in
 * default (docs/app.md#settings-githubphasegateyml), so the file changes nothing until someone
 * uncomments a line, and the App, the Action and the CLI read it alike.
 */
export function renderStarterSettings(): string {
  return [
    "# Phasegate's repository settings (docs/app.md, \"Settings\"). Every key is optional; a plan's own",
    "# settings win over these. Uncomment a line to change a default.",
    "# min_approver_permission: write # read | triage | write | maintain | admin",
    "# allow_self_approval: false",
    "# auto_start: true",
    "# labels:",
    "#   prefix: phasegate",
    '#   phase_prefix: "phase: "',
    "# time_limits: # a task longer than this in a phase is a blocker",
    "#   design: 5d",
    "#   execute: 3w",
    "",
  ].join("\n");
}
