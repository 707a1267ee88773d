import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderJsonSchema } from "../../../core/plan/render-json-schema.js";

const DOC = readFileSync(new URL("../../../docs/plan-format.md", import.meta.url), "utf8");

/** Every key the schema accepts (derived state fields included), with where it is, e.g. `Task.source`. */
function schemaKeys(node: unknown, where: string, out: Map<string, string>): Map<string, string> {
  if (Array.isArray(node)) node.forEach((item) => schemaKeys(item, where, out));
  else if (node !== null && typeof node === "object") {
    const record = node as Record<string, unknown>;
    for (const name of Object.keys((record.properties as object | undefined) ?? {})) {
      if (!out.has(name)) out.set(name, `${where}.${name}`);
    }
    for (const [key, value] of Object.entries(record)) {
      if (key !== "$defs") schemaKeys(value, where, out);
      else for (const [id, def] of Object.entries(value as object)) schemaKeys(def, id, out);
    }
  }
  return out;
}

/** Every enum value the schema lists (signals, presets, `on_change`). */
function enumValues(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((item) => enumValues(item, out));
  else if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if ((key === "enum" && Array.isArray(value)) || key === "const")
        [value].flat().forEach((v) => out.add(String(v)));
      else enumValues(value, out);
    }
  }
  return out;
}

describe("docs/plan-format.md", () => {
  const schema: unknown = JSON.parse(renderJsonSchema());

  it.each([...schemaKeys(schema, "plan", new Map())])("documents the key `%s` (%s)", (key) => {
    // As itself (`source`) or as a segment of a dotted path (`source.file`, `kiro_workflow.enabled`).
    expect(DOC).toMatch(new RegExp(`\`([\\w<>.]+\\.)?${key}(\\.[\\w<>.]+)?\``));
  });

  it.each([...enumValues(schema)])("documents the value `%s`", (value) => {
    expect(DOC).toMatch(new RegExp(`\`(${value}|[a-z_]+: ${value})\``));
  });
});
