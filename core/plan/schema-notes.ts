import * as z from "zod/mini";

/** What error messages need about a field beyond what the JSON Schema shows editors. */
export interface FieldNote {
  /** A fix a person can apply, shown with every error on the field. */
  hint?: string;
  /** A legacy state field: accepted, reported as derived, never used. */
  derived?: true;
}

/**
 * Hints live in their own registry, not in the editor metadata (withMeta), so they stay out of the generated JSON
 * Schema (editors show `description`; errors show the hint).
 */
export const fieldNotes = z.registry<FieldNote>();

/**
 * Editor metadata (`description`, `id`, `deprecated`: what the JSON Schema shows) on a copy of
 * `schema`, as zod's classic `.meta()` attaches it: a schema shared by several fields keeps its own.
 */
export function withMeta<T extends z.ZodMiniType>(schema: T, meta: z.core.GlobalMeta): T {
  const copy = schema.clone();
  z.globalRegistry.add(copy, meta);
  return copy;
}

/** Attach the editor description and the error hint to a field's schema in one place. */
export function describe<T extends z.ZodMiniType>(schema: T, description: string, hint?: string): T {
  const described = withMeta(schema, { description });
  if (hint !== undefined) fieldNotes.add(described, { hint });
  return described;
}

const DERIVED_DESCRIPTION =
  "State written by the original milestone protocol. Phasegate derives state from the event log: accepted, reported and ignored. `phasegate migrate` removes it.";

/** Shape entries that accept the original protocol's state fields so old files still load. */
export function derivedFields<K extends string>(keys: readonly K[]): Record<K, z.ZodMiniOptional<z.ZodMiniUnknown>> {
  const shape = {} as Record<K, z.ZodMiniOptional<z.ZodMiniUnknown>>;
  for (const key of keys) {
    const field = withMeta(z.unknown(), { deprecated: true, description: DERIVED_DESCRIPTION });
    fieldNotes.add(field, { derived: true });
    shape[key] = z.optional(field);
  }
  return shape;
}
