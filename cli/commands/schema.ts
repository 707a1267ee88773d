import { readFile, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { renderJsonSchema } from "../../core/plan/render-json-schema.js";
import { parseCommandArgs } from "../args.js";
import { EXIT, report } from "../output.js";
import { usage, type Command } from "./command.js";

const USAGE = "phasegate schema [--write | --check] [--out schema/plan.schema.json]";

/** The editor JSON Schema, generated from the one schema in core/. `--check` fails when the file is stale. */
export const schemaCommand: Command = {
  name: "schema",
  usage: USAGE,
  summary: "Print the plan JSON Schema; --write saves it, --check exits 1 when the saved copy is stale.",
  async run(argv, io, env) {
    try {
      const args = parseCommandArgs(
        argv,
        { write: { type: "boolean" }, check: { type: "boolean" }, out: { type: "string" } },
        [],
      );
      if (args.values.help) return usage(io, USAGE, this.summary);
      const out = resolve(env.cwd, typeof args.values.out === "string" ? args.values.out : "schema/plan.schema.json");
      const schema = renderJsonSchema();
      if (args.values.write) {
        await writeFile(out, schema);
        io.out(`wrote ${out}\n`);
      } else if (args.values.check) {
        const saved = await readFile(out, "utf8").catch(() => "");
        if (saved !== schema) {
          io.err(`${out} is stale: run \`npm run schema\` and commit it\n`);
          return EXIT.refused;
        }
        io.out(`${out} is up to date\n`);
      } else io.out(schema);
      return EXIT.ok;
    } catch (error) {
      return report(io, error);
    }
  },
};
