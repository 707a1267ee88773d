import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { LocalRepo } from "../../../cli/local/local-repo.js";
import { compileForNode } from "./compile-for-node.js";
import { makeRepo } from "./git-fixture.js";

const LOG = ".milestones/logs/auth.jsonl";

function setup(options: { lockTimeoutMs?: number } = {}) {
  const repo = makeRepo();
  return { repo, local: new LocalRepo({ root: repo.root, ...options }), file: join(repo.root, LOG) };
}

describe("LocalRepo.append compare-and-swap", () => {
  it("appends only at the expected version, creating the file and its folders", async () => {
    const { local, file } = setup();
    const created = await local.append(LOG, "one\n", undefined);
    expect(created).toEqual({ ok: true, version: (await local.read(LOG))?.version });
    expect(await local.append(LOG, "again\n", undefined)).toEqual({ ok: false, reason: "conflict" });
    const second = await local.append(LOG, "two\nthree\n", created.ok ? created.version : "");
    expect(second.ok).toBe(true);
    expect(await local.append(LOG, "stale\n", created.ok ? created.version : "")).toEqual({ ok: false, reason: "conflict" });
    expect(readFileSync(file, "utf8")).toBe("one\ntwo\nthree\n");
    expect(readdirSync(join(file, ".."))).toEqual(["auth.jsonl"]); // no lock or temporary file left
  });

  it("lets exactly one of two writers with the same expected version win", async () => {
    const { local, file } = setup();
    const base = await local.append(LOG, "base\n", undefined);
    const version = base.ok ? base.version : undefined;
    const results = await Promise.all([local.append(LOG, "A\n", version), local.append(LOG, "B\n", version)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "conflict" }]);
    expect(["base\nA\n", "base\nB\n"]).toContain(readFileSync(file, "utf8"));
  });

  it("sees a change made behind its back as a conflict", async () => {
    const { local, file } = setup();
    const base = await local.append(LOG, "base\n", undefined);
    writeFileSync(file, "base\nedited by hand\n");
    expect(await local.append(LOG, "mine\n", base.ok ? base.version : undefined)).toEqual({ ok: false, reason: "conflict" });
  });
});

describe("LocalRepo.append across processes", () => {
  let compiled: string;
  beforeAll(() => {
    compiled = compileForNode("cli/local/local-repo.ts");
  });

  // Each worker appends a 2-line record, re-reading and retrying on conflict, as the core does.
  const worker = `
    import { pathToFileURL } from "node:url";
    const [compiled, root, file, name] = process.argv.slice(1);
    const { LocalRepo } = await import(pathToFileURL(compiled).href);
    const repo = new LocalRepo({ root, lockTimeoutMs: 20000 });
    for (;;) {
      const current = await repo.read(file);
      const result = await repo.append(file, name + "a\\n" + name + "b\\n", current?.version);
      if (result.ok) break;
    }`;

  it("never loses, duplicates or tears lines from 20 concurrent processes", async () => {
    const { repo, file } = setup();
    const names = Array.from({ length: 20 }, (_, i) => `w${i}`);
    const run = promisify(execFile);
    await Promise.all(names.map((name) => run(process.execPath, ["--input-type=module", "-e", worker, compiled, repo.root, LOG, name])));
    const lines = readFileSync(file, "utf8").split("\n");
    expect(lines.pop()).toBe("");
    expect(lines).toHaveLength(40);
    expect([...lines].sort()).toEqual(names.flatMap((n) => [`${n}a`, `${n}b`]).sort());
    for (let i = 0; i < lines.length; i += 2) expect(lines[i + 1]).toBe(lines[i]?.replace(/a$/, "b"));
  });
});

describe("LocalRepo lock file", () => {
  function deadPid(): number {
    const out = execFileSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    return Number(out);
  }

  function lockOf(pid: number): string {
    return JSON.stringify({ pid, host: hostname(), time: "2020-01-01T00:00:00Z", nonce: "x" });
  }

  it("steals a lock left by a dead process", async () => {
    const { local, file } = setup({ lockTimeoutMs: 1_000 });
    await local.append(LOG, "one\n", undefined);
    writeFileSync(`${file}.lock`, lockOf(deadPid()));
    const snapshot = await local.read(LOG);
    expect((await local.append(LOG, "two\n", snapshot?.version)).ok).toBe(true);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it("waits for a live holder, then fails naming the lock file and the holder", async () => {
    const { local, file } = setup({ lockTimeoutMs: 200 });
    await local.append(LOG, "one\n", undefined);
    writeFileSync(`${file}.lock`, lockOf(process.pid));
    const snapshot = await local.read(LOG);
    const started = Date.now();
    await expect(local.append(LOG, "two\n", snapshot?.version)).rejects.toThrow(
      new RegExp(`could not lock ${LOG} within 200 ms: ${LOG}.lock is held by pid ${process.pid}`),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    await expect(local.write(LOG, "replaced\n")).rejects.toThrow(/could not lock/);
    expect(readFileSync(file, "utf8")).toBe("one\n");
    expect(existsSync(`${file}.lock`)).toBe(true); // someone else's lock is never removed
  });

  it.each([
    ["older than the stale limit, whatever its pid", () => lockOf(process.pid), 60],
    ["left empty by a process that died while creating it", () => "", 5],
  ])("steals a lock %s", async (_name, content, ageSeconds) => {
    const { local, file } = setup({ lockTimeoutMs: 500 });
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.lock`, content());
    const past = Date.now() / 1000 - ageSeconds;
    utimesSync(`${file}.lock`, past, past);
    expect((await local.append(LOG, "one\n", undefined)).ok).toBe(true);
  });
});
