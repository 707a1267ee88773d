import { describe, expect, it } from "vitest";
import { createHarness, OWNER, planYaml, PLAN_PATH, pushPayload, REPO } from "./app-harness.js";

const M2 = ".milestones/m2.yaml";
const m2Yaml = (requires?: string) =>
  planYaml()
    .replace("id: m1", "id: m2")
    .replace(
      "title: Milestone one",
      `title: Milestone two${requires ? `\ndependencies: { requires: [${requires}] }` : ""}`,
    );

/** Push `files` to main as alice, deliver the push; the `phasegate/plan` run on it and the issues synced. */
async function push(files: Record<string, string | { symlink: string }>, start: Record<string, string> = {}) {
  const h = await createHarness({ "README.md": "x\n", ...start });
  const sha = h.gh.commitFiles(OWNER, REPO, "main", files, "Plans");
  await h.deliver("push", pushPayload(sha, Object.keys(files)));
  expect(h.gh.violations).toEqual([]);
  const view = h.gh.repo(OWNER, REPO);
  const run = view.checkRuns.find((r) => r.head_sha === sha && r.name === "phasegate/plan");
  return { run, issues: view.issues.filter((i) => !i.pull_request) };
}

describe("the App's phasegate/plan check refuses what `phasegate validate` refuses, in its words", () => {
  it("m1.yaml and m1.yml pushed together: both fail as ambiguous, and neither is synced", async () => {
    const { run, issues } = await push({ [PLAN_PATH]: planYaml(), ".milestones/m1.yml": planYaml() });
    expect(run).toMatchObject({ conclusion: "failure" });
    const message = 'milestone "m1" has more than one plan file: .milestones/m1.yaml, .milestones/m1.yml; keep one';
    expect(run!.output.summary).toContain(`.milestones/m1.yaml:1:1: error: ${message}`);
    expect(run!.output.summary).toContain(`.milestones/m1.yml:1:1: error: ${message}`);
    expect(issues).toEqual([]);
  });

  it("a symlinked plan (mode 120000) fails, and is not synced", async () => {
    const { run, issues } = await push({ "plans/m2.yaml": m2Yaml(), [M2]: { symlink: "../plans/m2.yaml" } });
    expect(run).toMatchObject({ conclusion: "failure" });
    expect(run!.output.summary).toContain(
      `.milestones/m2.yaml:1:1: error: refused path ".milestones/m2.yaml": it is a symlink, and git keeps only its target's name`,
    );
    expect(issues).toEqual([]);
  });

  it("a plan requiring a milestone that does not exist fails at the entry; one requiring an existing one passes", async () => {
    const missing = await push({ [M2]: m2Yaml("m9") });
    expect(missing.run).toMatchObject({ conclusion: "failure" });
    expect(missing.run!.output.summary).toMatch(
      /\.milestones\/m2\.yaml:\d+:\d+: error: milestone `m9` is not a known milestone/,
    );
    expect(missing.issues).toEqual([]);
    const existing = await push({ [M2]: m2Yaml("m1") }, { [PLAN_PATH]: planYaml() });
    expect(existing.run).toMatchObject({ conclusion: "success" });
  });
});
