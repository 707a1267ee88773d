import { describe, expect, it } from "vitest";
import { bigPlanYaml } from "../helpers/big-plan.js";
import { sampleFiles } from "../helpers/sample-plan.js";
import { NAME, OWNER, setupApi } from "./api-setup.js";

const SCHEDULE = { schedule: "*/30 * * * *", repository: { default_branch: "main" } };

describe("scan through GitHub's API (schedule)", () => {
  it("two jobs escalate a failing check once: events on the milestone branch, labels and dashboard synced", async () => {
    const { gh, run, repo, log, execute } = setupApi(sampleFiles());
    await execute("m1");
    gh.setCheckState({ owner: OWNER, repo: NAME, ref: "milestone/m1", name: "ci", conclusion: "failure" });
    const first = await run(
      { command: "scan", milestone: "m1" },
      { event: SCHEDULE, env: { GITHUB_EVENT_NAME: "schedule", GITHUB_RUN_ID: "100" }, fresh: true },
    );
    expect(first).toMatchObject({ ok: false, exitCode: 1, outputs: { status: "blocked", complete: "true" } });
    expect(JSON.parse(first.outputs.blockers!)).toEqual([
      expect.objectContaining({ id: "test_failures", message: expect.stringContaining("failing: ci") }),
    ]);
    const escalations = () => log("m1").filter((e) => e.event === "blockers_escalated");
    expect(escalations()).toHaveLength(1);
    expect(
      log("m1")
        .filter((e) => e.session_id === "gha-100-1")
        .map((e) => e.event),
    ).toEqual(["blocker_detected", "blockers_escalated", "session_saved"]);
    expect(gh.readFile(OWNER, NAME, "milestone/m1", ".milestones/sessions/gha-100-1.yaml")).toContain("blocked");
    const dashboard = repo().issues.find((i) => String(i.body).includes("dashboard -->"));
    expect(dashboard?.body).toContain("test_failures");
    expect(first.summary).toContain("on `milestone/m1` through GitHub's API");
    // As the App does: a failing `phasegate` status on the branch head and one comment to the owners.
    expect(repo().statuses).toEqual(
      expect.arrayContaining([expect.objectContaining({ context: "phasegate", state: "failure" })]),
    );
    const onDashboard = () => repo().comments.filter((c) => String(c.body).includes("phasegate:escalation"));
    expect(onDashboard()).toHaveLength(1);

    // CI runs again on the escalation's commit and fails again (it triggers CI with an App token).
    gh.setCheckState({ owner: OWNER, repo: NAME, ref: "milestone/m1", name: "ci", conclusion: "failure" });
    // The next scheduled job: a fresh process and no checkout. The blocker holds; nothing is written.
    gh.resetLog();
    const second = await run(
      { command: "scan", milestone: "m1" },
      { event: SCHEDULE, env: { GITHUB_EVENT_NAME: "schedule", GITHUB_RUN_ID: "101" }, fresh: true },
    );
    expect(second).toMatchObject({ ok: false, outputs: { status: "blocked" } });
    expect(escalations()).toHaveLength(1);
    expect(gh.count({ write: true })).toBe(0);
    expect(second.summary).not.toContain("Escalated now");
    expect(onDashboard()).toHaveLength(1);
    expect(gh.violations).toEqual([]);
  });

  it("refuses run-tests under pull_request_target; refuses any write for a fork's pull request there", async () => {
    const { run } = setupApi(sampleFiles());
    const tests = await run(
      { command: "scan", milestone: "m1", "run-tests": "true" },
      { env: { GITHUB_EVENT_NAME: "pull_request_target" } },
    );
    // No pull request in the event: where its code comes from is unknown, so scan refuses before the tests.
    expect(tests.commands.find((c) => c.command === "error")?.message).toMatch(
      /scan writes to the repository and is refused under pull_request_target for a pull request from an unknown repository/,
    );
    const fork = { pull_request: { number: 1, head: { sha: "a".repeat(40), repo: { full_name: "evil/rocket" } } } };
    const sync = await run(
      { command: "sync", milestone: "m1" },
      { event: fork, env: { GITHUB_EVENT_NAME: "pull_request_target" } },
    );
    expect(sync.commands.find((c) => c.command === "error")?.message).toMatch(
      /sync writes to the repository and is refused under pull_request_target for a pull request from evil\/rocket/,
    );
  });

  it("a 200-task milestone with nothing new: few requests and no writes", async () => {
    const files = { ".milestones/big.yaml": bigPlanYaml(200) };
    const { gh, run, syncNow, execute } = setupApi(files);
    gh.setPermission(OWNER, NAME, "carol", "write");
    await execute("big");
    await syncNow("big");
    gh.setCheckState({ owner: OWNER, repo: NAME, ref: "milestone/big", name: "ci", conclusion: "success" });
    gh.resetLog();
    const quiet = await run(
      { command: "scan", milestone: "big" },
      { event: SCHEDULE, env: { GITHUB_EVENT_NAME: "schedule" } },
    );
    expect(quiet).toMatchObject({ ok: true, outputs: { blockers: "[]" } });
    const requests = gh.requests.map((r) => `${r.method} ${r.operation}`);
    expect(gh.count({ write: true })).toBe(0);
    // Target 6 (issue 16): one GraphQL query for the plan, the settings and the milestone branch's head
    // and log, and the log's anchor (ADR 19: no ref read of its own); combined status, check runs, open pulls.
    console.log(`quiet scan of 200 tasks: ${requests.length} requests:\n  ${requests.join("\n  ")}`);
    expect(requests.length).toBeLessThanOrEqual(6);
    expect(requests).toContain("POST graphql/query");
    expect(requests).not.toContain("GET git/get-ref");
    expect(gh.violations).toEqual([]);
  });
});
