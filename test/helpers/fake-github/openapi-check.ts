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

interface Parameter {
  name: string;
  in: string;
  schema?: unknown;
}
interface Operation {
  operationId: string;
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> } | { $ref: string }>;
}
type PathItem = Partial<Record<string, Operation>>;
interface Spec {
  paths: Record<string, PathItem>;
  components: { parameters?: Record<string, Parameter>; responses?: Record<string, unknown> };
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
  // `nullable` with an `enum`: null must be one of the values too (ajv reads `nullable` only with `type`).
  if (out.nullable === true && Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
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

function operationOf(match: OperationMatch, method: string): Operation | undefined {
  return load().routes.find((r) => r.template === match.template)?.item[method.toLowerCase()];
}

function compile(key: string, schema: unknown): ValidateFunction {
  const { ajv, validators } = load();
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(normalize(schema) as object);
    validators.set(key, validate);
  }
  return validate;
}

function resolve<T>(node: T | { $ref: string }): T | undefined {
  if (!node || typeof node !== "object" || !("$ref" in node)) return node as T;
  const [, kind, name] = /^#\/components\/(\w+)\/(.+)$/.exec(node.$ref) ?? [];
  const table = (load().spec.components as Record<string, Record<string, unknown> | undefined>)[kind ?? ""];
  return table?.[name ?? ""] as T | undefined;
}

/**
 * Messages for each query parameter the operation does not take or whose value breaks its schema
 * (numbers and booleans arrive as text and are read as such); [] when all conform.
 */
export function checkQuery(match: OperationMatch, method: string, query: URLSearchParams): string[] {
  const params = (operationOf(match, method)?.parameters ?? []).map((p) => resolve(p)).filter((p) => p?.in === "query");
  const problems: string[] = [];
  for (const [name, text] of query) {
    const param = params.find((p) => p?.name === name);
    if (!param) {
      problems.push(`${match.operationId}: query parameter ${name} is not one the operation takes`);
      continue;
    }
    if (!param.schema) continue;
    const validate = compile(`${match.operationId} query ${name}`, param.schema);
    const type = (normalize(param.schema) as { type?: string }).type;
    const value = type === "integer" || type === "number" ? Number(text) : type === "boolean" ? text === "true" : text;
    if ((type === "boolean" && text !== "true" && text !== "false") || !validate(value)) {
      problems.push(`${match.operationId}: query parameter ${name}=${text} breaks its schema`);
    }
  }
  return problems;
}

/** Messages for each way a reply's JSON body breaks the operation's response schema for its status; [] when it conforms. */
export function checkResponse(match: OperationMatch, method: string, status: number, body: unknown): string[] {
  if (body === undefined || status >= 300) return [];
  const response = resolve(operationOf(match, method)?.responses?.[String(status)] ?? { $ref: "" });
  const schema = response?.content?.["application/json"]?.schema;
  if (!schema)
    return [`${match.operationId}: status ${status} is not a response the operation documents with a JSON body`];
  const validate = compile(`${match.operationId} response ${status}`, schema);
  if (validate(body)) return [];
  return (validate.errors ?? [])
    .slice(0, 5)
    .map((e) => `${match.operationId}: response${e.instancePath} ${e.message ?? "is invalid"}${paramsText(e.params)}`);
}
