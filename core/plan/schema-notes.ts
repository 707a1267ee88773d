import * as z from "zod";

/** What error messages need about a field beyond what the JSON Schema shows editors. */
export interface FieldNote {
  /** A fix a person can apply, shown with every error on the field. */
  hint?: string;
  /** A legacy state field: accepted, reported as derived, never used. */
  derived?: true;
}

/**
 * Hints live in their own registry, not in `.meta()`, so they stay out of the generated JSON
 * Schema (editors show `description`; errors show the hint).
 */
export const fieldNotes = z.registry<FieldNote>();

/** Attach the editor description and the error hint to a field's schema in one place. */
export function describe<T extends z.ZodType>(schema: T, description: string, hint?: string): T {
  const described = schema.meta({ description });
  if (hint !== undefined) fieldNotes.add(described, { hint });
  return described;
}

const DERIVED_DESCRIPTION =
  "State written by the original milestone protocol. Phasegate derives state from the event log: accepted, reported and ignored. `phasegate migrate` removes it.";

/** Shape entries that accept the original protocol's state fields so old files still load. */
export function derivedFields<K extends string>(keys: readonly K[]): Record<K, z.ZodOptional<z.ZodUnknown>> {
  const shape = {} as Record<K, z.ZodOptional<z.ZodUnknown>>;
  for (const key of keys) {
    const field = z.unknown().meta({ deprecated: true, description: DERIVED_DESCRIPTION });
    fieldNotes.add(field, { derived: true });
    shape[key] = field.optional();
  }
  return shape;
}
