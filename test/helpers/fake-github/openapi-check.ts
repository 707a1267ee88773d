/**
 * Matches a request to an operation of GitHub's OpenAPI description and validates its JSON body.
 * The description (13 MB) is loaded once per process, on first use; a validator is compiled per
 * operation the first time it is needed and cached.
 */
import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const require = createRequire(import.meta.url);

interface Operation {
  operationId: string;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
}
type PathItem = Partial<Record<string, Operation>>;
interface Spec {
  paths: Record<string, PathItem>;
  components: unknown;
}
interface Route {
  template: string;
  item: PathItem;
  literal: number;
  re: RegExp;
  names: string[];
}

export interface OperationMatch {
  operationId: string;
  template: string;
  params: Record<string, string>;
}

let cache: { spec: Spec; routes: Route[]; ajv: Ajv; validators: Map<string, ValidateFunction> } | undefined;

/** GitHub writes `nullable: true` without `type`, which ajv rejects; refs point into a shared schema. */
function normalize(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalize);
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node))
    out[k] = k === "$ref" && typeof v === "string" ? v.replace(/^#\/components\//, "gh#/components/") : normalize(v);
  if (out.nullable === true && !("type" in out)) {
    delete out.nullable;
    return { anyOf: [out, { type: "null" }] };
  }
  return out;
}

/** `{path}` may be empty (the root of `contents`); refs, paths and branches may hold unencoded slashes. */
function toRoute(template: string, item: PathItem): Route {
  const names: string[] = [];
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace("/{path}", "{path}");
  const source = escaped.replace(/\{([^}]+)\}/g, (_, name: string) => {
    names.push(name);
    if (name === "path") return "(?:/(.*))?";
    return name === "ref" || name === "branch" ? "(.+)" : "([^/]+)";
  });
  return { template, item, literal: template.replace(/\{[^}]+\}/g, "").length, re: new RegExp(`^${source}$`), names };
}

function load(): NonNullable<typeof cache> {
  if (cache) return cache;
  // Only this file: require("@octokit/openapi") would load every bundled description (~385 MB).
  const spec = require("@octokit/openapi/generated/api.github.com.json") as Spec;
  const routes = Object.entries(spec.paths)
    .map(([template, item]) => toRoute(template, item))
    .sort((a, b) => b.literal - a.literal || a.names.length - b.names.length);
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: "gh", components: normalize(spec.components) });
  cache = { spec, routes, ajv, validators: new Map() };
  return cache;
}

/** The operation for `method` + `path` (path without the API prefix), or undefined. */
export function matchOperation(method: string, path: string): OperationMatch | undefined {
  const m = method.toLowerCase();
  for (const route of load().routes) {
    const op = route.item[m];
    if (!op) continue;
    const hit = route.re.exec(path);
    if (!hit) continue;
    const params: Record<string, string> = {};
    route.names.forEach((name, i) => (params[name] = decodeURIComponent(hit[i + 1] ?? "")));
    return { operationId: op.operationId, template: route.template, params };
  }
  return undefined;
}

/** Messages for each way `body` breaks the operation's requestBody schema; [] when it conforms. */
export function checkBody(match: OperationMatch, method: string, body: unknown): string[] {
  const { routes, ajv, validators } = load();
  const op = routes.find((r) => r.template === match.template)?.item[method.toLowerCase()];
  const schema = op?.requestBody?.content?.["application/json"]?.schema;
  if (!schema || body === undefined) return [];
  let validate = validators.get(match.operationId);
  if (!validate) {
    validate = ajv.compile(normalize(schema) as object);
    validators.set(match.operationId, validate);
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).map(
    (e) => `${match.operationId}: body${e.instancePath} ${e.message ?? "is invalid"}${paramsText(e.params)}`,
  );
}

function paramsText(params: unknown): string {
  return params && typeof params === "object" && Object.keys(params).length ? ` ${JSON.stringify(params)}` : "";
}
