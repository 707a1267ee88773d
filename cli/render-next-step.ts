import type { NextStep } from "../core/index.js";

/** A refusal's next step as a command line a person or an agent can run. */
export function renderNextStep(step: NextStep): string {
  const words = ["phasegate", ...step.verb.split("-")];
  if (step.verb === "migrate") words.push(step.file ?? "");
  else if (step.milestone) words.push(step.milestone);
  if (step.task) words.push(step.task);
  if (step.phase) words.push("--phase", step.phase);
  const line = words.filter((w) => w !== "").join(" ");
  return step.verb === "migrate" ? `run \`${line}\` and commit the result` : `run \`${line}\``;
}
