// The baseline status is compared with: the least work anything reading a milestone must do, i.e.
// read the plan and the log, parse the plan as YAML and every log line as JSON. No validation, no
// hash check, no fold, no output. Imported for the in-process baseline; run as a script
// (`node bench/lib/baseline.mjs <plan> <log>`) for the whole-process one.
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { parse } from "yaml";

/** Read and parse both files; returns how many events were read, so nothing is optimised away. */
export async function readMilestone(planPath, logPath) {
  const [planText, logText] = await Promise.all([readFile(planPath, "utf8"), readFile(logPath, "utf8")]);
  const plan = parse(planText);
  let events = 0;
  for (const line of logText.split("\n")) {
    if (line !== "") {
      JSON.parse(line);
      events += 1;
    }
  }
  return { tasks: plan.tasks.length, events };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [planPath, logPath] = process.argv.slice(2);
  await readMilestone(planPath, logPath);
}
