import { hash } from "node:crypto";
import type { Json, LogEvent } from "./event.js";

/**
 * Canonical text of an event line. Top-level keys in a fixed, readable order; nested keys sorted,
 * so the same event always has the same bytes and `hash` can be recomputed from a parsed line.
 */
export function serializeEvent(event: Omit<LogEvent, "hash">): string {
  return JSON.stringify(withoutHash(event));
}

/** The full line (without newline): canonical text with its own hash appended as the last key. */
export function sealEvent(event: Omit<LogEvent, "hash">): { line: string; hash: string } {
  const body = serializeEvent(event);
  const hash = hashText(body);
  return { line: `${body.slice(0, -1)},"hash":"${hash}"}`, hash };
}

/**
 * sealEvent for an event built with its keys in the canonical order (LogEvent's, `hash` left out):
 * when its details' keys are sorted too, its text is JSON.stringify's of the event itself, with no
 * copy made. Writers that seal tens of thousands of events (`execute`) build them this way.
 */
export function sealOrderedEvent(event: Omit<LogEvent, "hash">): { line: string; hash: string } {
  if (!isSorted(event.details)) return sealEvent(event);
  const body = JSON.stringify(event);
  const hash = hashText(body);
  return { line: `${body.slice(0, -1)},"hash":"${hash}"}`, hash };
}

export function hashText(text: string): string {
  return hash("sha256", text, "hex");
}

function withoutHash(e: Omit<LogEvent, "hash"> & { hash?: string }): Record<string, Json> {
  const out: Record<string, Json> = {
    v: e.v,
    seq: e.seq,
    timestamp: e.timestamp,
    event: e.event,
    milestone_id: e.milestone_id,
    session_id: e.session_id,
    actor: e.actor,
  };
  if (e.task_id !== undefined) out.task_id = e.task_id;
  if (e.phase !== undefined) out.phase = e.phase;
  out.details = sortKeys(e.details) as Json;
  out.prev = e.prev;
  return out;
}

/** `value` with every object's keys sorted; `value` itself when they already are (most details: no copy). */
function sortKeys(value: Json): Json {
  if (isSorted(value)) return value;
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const out: { [key: string]: Json } = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key] as Json);
  return out;
}

/**
 * Whether every object in `value` lists its keys in sorted order already. JSON.stringify then writes
 * the same text as for a sorted copy (both list integer-like keys first, as every object does).
 */
function isSorted(value: Json): boolean {
  if (value === null || typeof value !== "object") return true;
  if (Array.isArray(value)) {
    for (const item of value) if (!isSorted(item)) return false;
    return true;
  }
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    if (i > 0 && !((keys[i - 1] as string) < (keys[i] as string))) return false;
    const item = value[keys[i] as string] as Json;
    if (item !== null && typeof item === "object" && !isSorted(item)) return false;
  }
  return true;
}
