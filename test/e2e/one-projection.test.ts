import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { activate, MilestoneHandle, startTask } from "../../core/index.js";
import { main } from "../../cli/main.js";
import { runAction } from "../action/harness.js";
import {
  continuePayload,
  createHarness,
  DESIGN,
  OWNER,
  PLAN_PATH,
  planYaml,
  pushPayload,
  REPO,
  type Harness,
} from "../app/app-harness.js";

const SETTINGS = [
  "labels:",
  "  prefix: pg",
  '  phase_prefix: "stage/"',
  "  colors: { managed: '111111', ready: '222222', on_hold: '#333333' }",
  "  phase_colors: { design: '444444' }",
  "time_limits: { design: 5d }",
  "",
].join("\n");

const dirs: string[] = [];
afterEach(() => {
  vi.unstubAllGlobals();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The milestone active with T1 in its design phase, the design written: bodies link to files. */
async function harness(files: Record<string, string>): Promise<Harness> {
  const h = await createHarness({ [PLAN_PATH]: planYaml(), ...files });
  const ctx = h.core("bob");
  const handle = await MilestoneHandle.open(ctx, "m1");
  await activate(ctx, handle);
  await startTask(ctx, handle, { taskId: "T1" });
  h.gh.commitFiles(OWNER, REPO, "milestone/m1", { ".kiro/specs/first/design.md": DESIGN }, "Design of T1");
  return h;
}

/** The App syncs after a push of the plan to the default branch. */
async function appPush(h: Harness): Promise<void> {
  const sha = h.gh.commitFiles(OWNER, REPO, "main", { [PLAN_PATH]: planYaml() + "# touched\n" }, "Touch the plan");
  await h.deliver("push", pushPayload(sha, [PLAN_PATH]));
}

/** The Action's API sync (`command: sync`) against the same fake GitHub. */
async function actionSync(h: Harness): Promise<void> {
  vi.stubGlobal("fetch", h.gh.fetch);
  const workspace = mkdtempSync(join(tmpdir(), "phasegate-e2e-"));
  dirs.push(workspace);
  const run = await runAction(
    workspace,
    { command: "sync", milestone: "m1", token: "ghs_fake" },
    {
      GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    },
  );
  expect(run.commands.filter((c) => c.command === "error")).toEqual([]);
  expect(run.outputs.complete).toBe("true");
}

/** `phasegate sync m1 --repo acme/rocket` against the same fake GitHub. */
async function cliSync(h: Harness): Promise<void> {
  let err = "";
  const code = await main(
    ["sync", "m1", "--repo", `${OWNER}/${REPO}`],
    { out: () => undefined, err: (t) => void (err += t), json: false },
    {
      cwd: process.cwd(),
      env: { GITHUB_TOKEN: h.gh.tokenFor("alice"), GITHUB_API_URL: "https://api.github.com" },
      fetch: h.gh.fetch,
    },
  );
  expect(err).not.toMatch(/error/i);
  expect(code).toBe(0);
}

/** The App's own continuation of a sync (`phasegate-continue`): a sync and nothing else. */
async function appContinue(h: Harness): Promise<void> {
  await h.deliver("repository_dispatch", continuePayload("m1"));
}

function writes(h: Harness): string[] {
  return h.gh.requests.filter((r) => r.write).map((r) => `${r.method} ${r.path}`);
}

describe("one projection, whatever shell writes it", () => {
  it("App, then Action, then CLI, then App again: zero writes after the first", async () => {
    const h = await harness({ ".github/phasegate.yml": SETTINGS });
    await appPush(h);
    const repo = h.gh.repo(OWNER, REPO);
    // The settings reached the projection: the prefix, the colours, the links to the design.
    const label = (name: string) => repo.labels.find((l) => l.name === name);
    expect(label("pg")?.color).toBe("111111");
    expect(label("pg: ready")?.color).toBe("222222");
    expect(label("pg: on hold")?.color).toBe("333333");
    expect(label("stage/design")?.color).toBe("444444");
    expect(repo.labels.some((l) => l.name.startsWith("phasegate"))).toBe(false);
    const t1 = repo.issues.find((i) => i.body?.includes("task=T1 -->"));
    expect(t1?.labels.map((l: string | { name: string }) => (typeof l === "string" ? l : l.name))).toEqual(
      expect.arrayContaining(["pg", "stage/design"]),
    );
    expect(t1?.body).toContain(`https://github.com/${OWNER}/${REPO}/tree/milestone/m1/.kiro/specs/first`);
    const bodies = repo.issues.map((i) => i.body);

    for (const [shell, syncWith] of [
      ["Action", actionSync],
      ["CLI", cliSync],
      ["App", appContinue],
    ] as const) {
      h.gh.resetLog();
      await syncWith(h);
      expect({ shell, writes: writes(h) }).toEqual({ shell, writes: [] });
    }
    expect(repo.issues.map((i) => i.body)).toEqual(bodies);
    expect(h.gh.violations).toEqual([]);
  });

  it("without a settings file, the CLI after the App writes nothing either", async () => {
    const h = await harness({});
    await appPush(h);
    expect(h.gh.repo(OWNER, REPO).labels.map((l) => l.name)).toContain("phasegate: ready");
    h.gh.resetLog();
    await cliSync(h);
    await actionSync(h);
    expect(writes(h)).toEqual([]);
  });
});

describe("a push that changes only .github/phasegate.yml", () => {
  it("an invalid file fails phasegate/plan at file:line and writes nothing; a fixed one re-syncs every plan", async () => {
    const h = await harness({});
    await appPush(h);
    h.gh.resetLog();
    const bad = h.gh.commitFiles(OWNER, REPO, "main", {
      ".github/phasegate.yml": "labels:\n  colors:\n    ready: green\n",
    });
    await h.deliver("push", pushPayload(bad, [".github/phasegate.yml"]));
    const failed = h.gh.repo(OWNER, REPO).checkRuns.find((r) => r.head_sha === bad)!;
    expect(failed).toMatchObject({ name: "phasegate/plan", conclusion: "failure" });
    expect(failed.output.summary).toMatch(/\.github\/phasegate\.yml:3:12: error/);
    expect(writes(h).filter((w) => !w.includes("/check-runs"))).toEqual([]);

    const good = h.gh.commitFiles(OWNER, REPO, "main", {
      ".github/phasegate.yml": "labels:\n  colors:\n    ready: '00ff00'\n",
    });
    await h.deliver("push", pushPayload(good, [".github/phasegate.yml"]));
    expect(h.gh.repo(OWNER, REPO).checkRuns.find((r) => r.head_sha === good)?.conclusion).toBe("success");
    expect(h.gh.repo(OWNER, REPO).labels.find((l) => l.name === "phasegate: ready")?.color).toBe("00ff00");
    h.gh.resetLog();
    await cliSync(h);
    expect(writes(h)).toEqual([]);
  });
});
