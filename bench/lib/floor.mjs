// The floor the round-3 figures are measured against: the least a command that trusts nothing can do,
// i.e. read the plan and the log, parse them (YAML, JSON per line) and hash every line (sha256). No
// validation, no chain check, no fold, no output. Run as `node bench/lib/floor.mjs <plan> <log>`.
import { hash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { parse } from "yaml";

const [planPath, logPath] = process.argv.slice(2);
const [planText, logText] = await Promise.all([readFile(planPath, "utf8"), readFile(logPath, "utf8")]);
const plan = parse(planText);
let events = 0;
for (const line of logText.split("\n")) {
  if (line === "") continue;
  JSON.parse(line);
  hash("sha256", line, "hex");
  events += 1;
}
if (events < 0 || !plan) process.exitCode = 1; // keep the work observable
