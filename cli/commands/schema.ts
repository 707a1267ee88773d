import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import { renderJsonSchema } from "../../core/index.js";
import { CommandFailed, EXIT, UsageError } from "../output.js";
import { plainCommand } from "./command.js";

/** The editor JSON Schema, generated from the one schema in core/. `--check` fails when the file is stale. */
export const schemaCommand = plainCommand({
  name: "schema",
  usage: "phasegate schema [--write | --check] [--out schema/plan.schema.json]",
  summary: "Print the plan JSON Schema; --write saves it, --check exits 1 when the saved copy is stale.",
  options: { write: { type: "boolean" }, check: { type: "boolean" }, out: { type: "string" } },
  // A file of its own, in any folder: no repository, no merge driver.
  outsideRepository: true,
  async run({ args, io, cwd }) {
    if (args.values.write && args.values.check) throw new UsageError("--write and --check exclude each other");
    const out = resolve(cwd, typeof args.values.out === "string" ? args.values.out : "schema/plan.schema.json");
    const shown = relative(cwd, out) || out;
    const schema = renderJsonSchema();
    if (args.values.write) {
      await mkdir(dirname(out), { recursive: true })
        .then(() => writeFile(out, schema))
        .catch((error: NodeJS.ErrnoException) => {
          throw new Error(`cannot write ${shown}: ${error.code ?? error.message}`);
        });
      io.out(`wrote ${shown}\n`);
    } else if (args.values.check) {
      const saved = await readFile(out, "utf8").catch(() => undefined);
      if (saved !== schema) {
        const problem = saved === undefined ? "does not exist" : "is stale";
        throw new CommandFailed(
          "schema",
          "failed",
          `${shown} ${problem}; run \`phasegate schema --write\` and commit it`,
        );
      }
      io.out(`${shown} is up to date\n`);
    } else io.out(schema);
    return EXIT.ok;
  },
});
