/** Fault injection: a fault matches requests by method and path and fires once (or `times`). */

export type FaultEffect =
  /** Answer with this status; nothing happens. */
  | { status: 500 | 502 | 503 | 504 }
  /** 403 with `retry-after` and GitHub's secondary-rate-limit message; nothing happens. */
  | { secondaryLimit: { retryAfterSeconds: number } }
  /** The request TAKES EFFECT, then fetch rejects as on a dropped connection. */
  | { lostResponse: true }
  /** fetch rejects as on a timeout; nothing happens. */
  | { timeout: true };

export type Fault = FaultEffect & {
  /** HTTP method to match (any when omitted). */
  method?: string;
  /** Matched against the path without the API prefix, e.g. /repos/o/r/issues/1 (any when omitted). */
  path?: RegExp | string;
  /** The operation to match: an OpenAPI operationId, or `graphql/query` / `graphql/<mutation>` (any when omitted). */
  operation?: string;
  /** Fire on the Nth matching request (1-based) and after; default 1. */
  nth?: number;
  /** How many times it fires; default 1. */
  times?: number;
};

interface Armed {
  fault: Fault;
  seen: number;
  fired: number;
}

export interface FaultTable {
  add(fault: Fault): void;
  /** The fault that fires for this request, if any (counts the match). */
  take(method: string, path: string, operation?: string): FaultEffect | undefined;
  /** Faults that have not fired all their times yet. */
  pending(): Fault[];
  clear(): void;
}

export function createFaultTable(): FaultTable {
  let armed: Armed[] = [];
  const matches = (f: Fault, method: string, path: string, operation?: string) =>
    (!f.method || f.method.toUpperCase() === method) &&
    (!f.operation || f.operation === operation) &&
    (f.path === undefined || (typeof f.path === "string" ? new RegExp(f.path) : f.path).test(path));
  return {
    add: (fault) => armed.push({ fault, seen: 0, fired: 0 }),
    take(method, path, operation) {
      // Every fault counts every request it matches, so `nth` means the Nth matching request overall.
      const hits = armed.filter((a) => matches(a.fault, method, path, operation));
      for (const a of hits) a.seen++;
      const due = hits.find((a) => a.seen >= (a.fault.nth ?? 1) && a.fired < (a.fault.times ?? 1));
      if (due) due.fired++;
      return due?.fault;
    },
    pending: () => armed.filter((a) => a.fired < (a.fault.times ?? 1)).map((a) => a.fault),
    clear: () => {
      armed = [];
    },
  };
}

/** What undici's fetch throws when the connection drops or times out. */
export function networkError(kind: "timeout" | "lost"): TypeError {
  const cause = Object.assign(
    new Error(kind === "timeout" ? "Connect Timeout Error (fake GitHub)" : "other side closed (fake GitHub)"),
    { code: kind === "timeout" ? "UND_ERR_CONNECT_TIMEOUT" : "UND_ERR_SOCKET" },
  );
  return new TypeError("fetch failed", { cause });
}
