/** One Node line everywhere (ADR 18): .nvmrc, the container, the docs, CI; engines still admit the machines' Node. */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const ROOT = resolve(import.meta.dirname, "../..");
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
const line = Number(read(".nvmrc").trim());

describe("Node versions agree", () => {
  it("the supported line is an LTS of 22 or newer", () => {
    expect(line).toBeGreaterThanOrEqual(22);
    expect(line % 2).toBe(0);
  });

  it("the container, the docs and the workflows use it", () => {
    const images = [...read("Dockerfile").matchAll(/^FROM node:(\d+)/gm)].map((m) => Number(m[1]));
    expect(images).toEqual([line, line]);
    expect(read("README.md")).toContain(`Node ${line} (the LTS line Phasegate supports, in \`.nvmrc\`)`);
    expect(read("docs/deploy.md")).toContain(`Node ${line} web server`);
    expect(read("docs/deploy.md")).not.toMatch(/Node 20\+/);
    const ci = parse(read(".github/workflows/ci.yml"));
    expect(ci.jobs.test.strategy.matrix.node).toContain(line);
    const release = parse(read(".github/workflows/release.yml"));
    expect(
      release.jobs.release.steps.find((s: { uses?: string }) => s.uses?.startsWith("actions/setup-node")).with,
    ).toEqual({
      "node-version-file": ".nvmrc",
      cache: "npm",
    });
    const pinned = [...read("docs/action.md").matchAll(/node-version: (\d+)/g)].map((m) => Number(m[1]));
    expect(new Set(pinned)).toEqual(new Set([line]));
  });

  it("engines admit the line and the Node running this test (the project's machines); the Action's runtime is newer", () => {
    const floor = /^>=(\d+)\.(\d+)$/.exec(JSON.parse(read("package.json")).engines.node)!;
    const [major, minor] = process.versions.node.split(".").map(Number) as [number, number];
    expect(major > Number(floor[1]) || (major === Number(floor[1]) && minor >= Number(floor[2]))).toBe(true);
    expect(line).toBeGreaterThanOrEqual(Number(floor[1]));
    expect(Number(/using: node(\d+)/.exec(read("action.yml"))![1])).toBeGreaterThanOrEqual(line);
    expect(read("docs/adr/0018-node-22.md")).toContain("`engines.node` stays `>=20.18`");
  });
});
