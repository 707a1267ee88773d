import { stringify } from "yaml";

/**
 * A session snapshot as the YAML file `.milestones/sessions/<id>.yaml` holds it. Its own module so
 * that the yaml library loads only when a session is saved (a valid plan is read without it, ADR 33).
 */
export function renderSessionFile(snapshot: object): string {
  return stringify(snapshot);
}
