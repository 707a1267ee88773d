import * as z from "zod/mini";
import { planSchema } from "./plan-schema.js";

/**
 * Where the schema is served: this file in the `v1` release of Phasegate's repository (the home
 * app.yml names), as raw.githubusercontent.com serves it. Plans point at it with a
 * `yaml-language-server` modeline; a copy published elsewhere serves it at the same path.
 */
export const PLAN_SCHEMA_ID = "https://raw.githubusercontent.com/phasegate/phasegate/v1/schema/plan.schema.json";

/**
 * The editor JSON Schema (draft 2020-12) generated from `planSchema`, the one source of the
 * format. Deterministic: the same code always renders the same text, so CI can fail when the
 * committed `schema/plan.schema.json` is stale.
 */
export function renderJsonSchema(): string {
  const generated = z.toJSONSchema(planSchema, {
    target: "draft-2020-12",
    // Input shape: fields with defaults are optional, as a person writes the file.
    io: "input",
    // Refinements (branch names, paths) cannot be expressed; the parser enforces them.
    unrepresentable: "any",
    reused: "inline",
  }) as Record<string, unknown>;
  const { $schema, title, description, ...rest } = generated;
  const schema = { $schema, $id: PLAN_SCHEMA_ID, title, description, ...rest };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
