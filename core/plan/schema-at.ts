import type * as z from "zod/mini";
import type { PathSegment } from "./locate.js";
import { fieldNotes, type FieldNote } from "./schema-notes.js";

type Schema = z.core.$ZodType;
type Def = { type: string; [key: string]: unknown };

const def = (schema: Schema): Def => schema._zod.def as unknown as Def;

/** Wrappers that hold one inner schema and change nothing about the shape. */
const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "catch", "readonly", "nonoptional"]);

/** The schema and its wrappers, outermost first: notes may sit on any of them. */
export function layers(schema: Schema): Schema[] {
  const out = [schema];
  let current = schema;
  while (WRAPPERS.has(def(current).type) || def(current).type === "pipe") {
    current = (def(current).type === "pipe" ? def(current).in : def(current).innerType) as Schema;
    out.push(current);
  }
  return out;
}

/** The innermost schema, wrappers removed. */
export function core(schema: Schema): Schema {
  return layers(schema).at(-1)!;
}

/** The schema that validates the value at `path` below `schema`, or undefined when the path leaves it. */
export function schemaAt(schema: Schema, path: readonly PathSegment[]): Schema | undefined {
  let current: Schema | undefined = schema;
  for (const segment of path) {
    if (current === undefined) return undefined;
    current = child(core(current), segment);
  }
  return current;
}

function child(schema: Schema, segment: PathSegment): Schema | undefined {
  const d = def(schema);
  switch (d.type) {
    case "object":
      return typeof segment === "string" ? (d.shape as Record<string, Schema>)[segment] : undefined;
    case "array":
      return typeof segment === "number" ? (d.element as Schema) : undefined;
    case "record":
      return typeof segment === "string" ? (d.valueType as Schema) : undefined;
    case "union":
      for (const option of d.options as Schema[]) {
        const found = child(core(option), segment);
        if (found) return found;
      }
      return undefined;
    default:
      return undefined;
  }
}

/** The alternatives of a union field, wrappers removed; [] for anything else. */
export function unionOptions(schema: Schema | undefined): Schema[] {
  if (!schema) return [];
  const d = def(core(schema));
  return d.type === "union" ? (d.options as Schema[]) : [];
}

/** The first hint found on the schema or its wrappers. */
export function hintOf(schema: Schema | undefined): string | undefined {
  if (!schema) return undefined;
  for (const layer of layers(schema)) {
    const hint = fieldNotes.get(layer)?.hint;
    if (hint !== undefined) return hint;
  }
  return undefined;
}

/** The keys a mapping accepts, legacy state fields left out (they are never a good suggestion). */
export function allowedKeys(schema: Schema | undefined): string[] {
  if (!schema) return [];
  const inner = core(schema);
  if (def(inner).type !== "object") return [];
  const shape = def(inner).shape as Record<string, Schema>;
  return Object.keys(shape).filter((key) => !layers(shape[key]!).some((layer) => noteOf(layer)?.derived));
}

function noteOf(schema: Schema): FieldNote | undefined {
  return fieldNotes.get(schema);
}

/** How a message names what a schema expects: "a string", "a list", "one of `kiro`"… */
export function expectedOf(schema: Schema | undefined): string {
  if (!schema) return "something else";
  const d = def(core(schema));
  switch (d.type) {
    case "string":
      return "a string";
    case "number":
      return isInt(core(schema)) ? "a whole number" : "a number";
    case "boolean":
      return "`true` or `false`";
    case "array":
      return "a list";
    case "object":
    case "record":
      return "a mapping (`key: value`)";
    case "literal":
      return (d.values as unknown[]).map((v) => `\`${String(v)}\``).join(" or ");
    case "enum":
      return `one of ${Object.values(d.entries as Record<string, string>)
        .map((v) => `\`${v}\``)
        .join(", ")}`;
    case "union":
      return [...new Set((d.options as Schema[]).map((option) => kindOf(option)))].join(" or ");
    default:
      return "something else";
  }
}

function kindOf(schema: Schema): string {
  const type = def(core(schema)).type;
  return type === "enum" || type === "literal" || type === "string" ? "a string" : expectedOf(schema);
}

function isInt(schema: Schema): boolean {
  return (def(schema) as { format?: string }).format === "safeint";
}
