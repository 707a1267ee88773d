import { createNodeMiddleware, Probot, ProbotOctokit } from "probot";
import { createServer } from "node:http";
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { phasegateApp } from "../../app/phasegate-app.js";
import {
  commentPayload,
  createHarness,
  LOG_PATH,
  OWNER,
  privateKey,
  REPO,
  startT1,
  type Harness,
} from "./app-harness.js";
import { example } from "./webhook-examples.js";
import type { Fault } from "../helpers/fake-github/index.js";

/** What an /approve leaves behind, without ids and times: the log's events, labels, reply count. */
function endState(h: Harness, issue: number) {
  const repo = h.gh.repo(OWNER, REPO);
  return {
    log: (h.gh.readFile(OWNER, REPO, "milestone/m1", LOG_PATH) ?? "")
      .trim()
      .split("\n")
      .map((l) => {
        const e = JSON.parse(l);
        return `${e.event} ${e.task_id ?? ""} ${e.phase ?? ""} ${e.actor}`;
      }),
    labels: repo.issues
      .find((i) => i.number === issue)!
      .labels.map((l: { name: string }) => l.name)
      .sort(),
    replies: repo.comments.filter((c) => c.body.includes("reply comment=")).length,
    dashboard: repo.issues.filter((i) => i.body?.includes(" dashboard -->")).length,
  };
}

async function approveOnce(faults: Fault[] = []): Promise<{ state: ReturnType<typeof endState>; calls: number }> {
  const h = await createHarness();
  const t1 = await startT1(h);
  const payload = await commentPayload(h, t1, "/approve", "alice");
  h.gh.resetLog();
  for (const f of faults) h.gh.inject(f);
  // A delivery that fails is redelivered (by hand or a replica): up to three tries.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await h.deliver("issue_comment", structuredClone(payload), `d-${attempt}`);
      break;
    } catch {
      /* redelivered */
    }
  }
  expect(h.gh.violations).toEqual([]);
  expect(h.gh.pendingFaults()).toEqual([]); // every fault fired
  // Probot caches the installation token across instances: later runs do not ask for it again.
  const calls = h.gh.requests.filter((r) => r.operation !== "apps/create-installation-access-token").length;
  return { state: endState(h, t1), calls };
}

describe("faults at each API call of an /approve", () => {
  it("5xx, a secondary limit, a lost response or a timeout at every call converge to the same end state", async () => {
    const clean = await approveOnce();
    expect(clean.state.replies).toBe(1);
    const effects = [
      { status: 502 as const },
      { secondaryLimit: { retryAfterSeconds: 2 } },
      { lostResponse: true as const },
      { timeout: true as const },
    ];
    const cases = Array.from({ length: clean.calls - 1 }, (_, i) => i + 2).flatMap((nth) =>
      effects.map((effect) => ({ nth, effect })),
    );
    const results = await Promise.all(
      cases.map(async (c) => ({ ...c, ...(await approveOnce([{ ...c.effect, nth: c.nth } as Fault])).state })),
    );
    for (const r of results) expect(r).toEqual({ nth: r.nth, effect: r.effect, ...clean.state });
  }, 120_000);
});

describe("security and start-up", () => {
  it("answers a signed ping with 200 and an unsigned one with 400", async () => {
    const probot = new Probot({ appId: 1, privateKey, secret: "s3cret", logLevel: "fatal", Octokit: ProbotOctokit });
    const deps = {
      createPorts: () => Promise.reject(new Error("unused")) as never,
      clock: { now: () => new Date(), sleep: async () => undefined },
    };
    const middleware = await createNodeMiddleware(phasegateApp(deps), { probot });
    const server = createServer((req, res) => void middleware(req, res, () => res.writeHead(404).end()));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    const body = JSON.stringify(example("ping"));
    const send = (headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
        method: "POST",
        body,
        headers: {
          "content-type": "application/json",
          "x-github-event": "ping",
          "x-github-delivery": "p-1",
          ...headers,
        },
      });
    const signature = `sha256=${createHmac("sha256", "s3cret").update(body).digest("hex")}`;
    expect((await send({ "x-hub-signature-256": signature })).status).toBe(200);
    expect((await send({})).status).toBe(400);
    expect((await send({ "x-hub-signature-256": signature.replace(/.$/, "0") })).status).toBe(400);
    server.close();
  });
});
