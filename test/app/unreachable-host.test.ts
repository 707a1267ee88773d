/** A wrong GHE_HOST in a delivery: one line naming the setting, no retries that end in OutOfTime. */
import { Probot, ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { phasegateApp } from "../../app/phasegate-app.js";
import { createGitHubPorts } from "../../github/index.js";
import type { AppDeps } from "../../app/app-deps.js";
import { privateKey } from "./app-instance.js";
import { example } from "./webhook-examples.js";

describe("an unreachable GitHub host", () => {
  it.each([
    ["ENOTFOUND", "getaddrinfo ENOTFOUND ghe.wrong.test"],
    ["ECONNREFUSED", "connect ECONNREFUSED 10.0.0.1:443"],
    ["ERR_TLS_CERT_ALTNAME_INVALID", "Hostname/IP does not match certificate's altnames"],
  ])("%s: the delivery fails with one line naming GHE_HOST, after one attempt", async (code, message) => {
    let calls = 0;
    let slept = 0;
    const fetch: typeof globalThis.fetch = async () => {
      calls++;
      throw new TypeError("fetch failed", { cause: Object.assign(new Error(message), { code }) });
    };
    const probot = new Probot({
      appId: 1,
      privateKey,
      logLevel: "fatal",
      baseUrl: "https://ghe.wrong.test/api/v3",
      Octokit: ProbotOctokit.defaults((o: object) => ({
        ...o,
        retry: { enabled: false },
        throttle: { enabled: false },
      })),
      request: { fetch },
    });
    const deps: AppDeps = {
      createPorts: createGitHubPorts as AppDeps["createPorts"],
      clock: { now: () => new Date(1_700_000_000_000 + slept), sleep: async (ms) => void (slept += ms) },
      random: () => 0.5,
    };
    await probot.load(phasegateApp(deps));
    const payload = example("push");
    Object.assign(payload, { ref: "refs/heads/main", deleted: false, installation: { id: 2 } });
    payload.commits = [{ ...payload.commits?.[0], added: [".milestones/m1.yaml"], modified: [], removed: [] }];
    payload.repository = { ...payload.repository, name: "rocket", owner: { login: "acme" }, default_branch: "main" };
    const error = await probot.receive({ id: "d1", name: "push", payload } as never).catch((e: unknown) => e);
    const errors = (error as AggregateError).errors;
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toBe(
      `GHE_HOST: cannot reach GitHub at https://ghe.wrong.test/api/v3 (${code}): check GHE_HOST and GHE_PROTOCOL; then \`npm start -- --check\``,
    );
    expect(errors[0].stack.split("\n")).toHaveLength(1);
    expect([calls, slept]).toEqual([1, 0]);
  });
});
