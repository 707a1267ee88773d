import { createRequire } from "node:module";
import type { WebhookDefinition } from "@octokit/webhooks-examples";

// The package's main is a 4 MB JSON file with CJS-style typings: a plain ESM import fails
// (toolchain notes), createRequire works in node, vitest and tsc.
const require = createRequire(import.meta.url);
const definitions: WebhookDefinition[] = require("@octokit/webhooks-examples");

/** A deep copy of the first recorded example of webhook `name` (with `action`), or throws. */
export function example<T = Record<string, any>>(name: string, action?: string): T {
  const def = definitions.find((d) => d.name === name);
  const ex = def?.examples.find((e) => action === undefined || (e as { action?: string }).action === action);
  if (!ex) throw new Error(`no recorded example for ${name}${action ? `.${action}` : ""}`);
  return structuredClone(ex) as T;
}
