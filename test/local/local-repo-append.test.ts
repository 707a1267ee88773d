import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { LocalRepo } from "../../local/local-repo.js";
import { compileForNode } from "./compile-for-node.js";
import { tempDir } from "./git-fixture.js";

const LOG = ".milestones/logs/auth.jsonl";

/** Appends need no git: a plain folder is enough. */
function setup(options: { lockTimeoutMs?: number } = {}) {
  const root = tempDir();
  return { root, local: new LocalRepo({ root, ...options }), file: join(root, LOG) };
}

describe("LocalRepo.append compare-and-swap", () => {
  it("appends only at the expected version, creating the file and its folders", async () => {
    const { local, file } = setup();
    const created = await local.appendFile(LOG, "one\n", undefined);
    expect(created).toEqual({ ok: true, version: (await local.read(LOG))?.version });
    expect(await local.appendFile(LOG, "again\n", undefined)).toEqual({ ok: false, reason: "conflict" });
    const second = await local.appendFile(LOG, "two\nthree\n", created.ok ? created.version : "");
    expect(second.ok).toBe(true);
    expect(await local.appendFile(LOG, "stale\n", created.ok ? created.version : "")).toEqual({
      ok: false,
      reason: "conflict",
    });
    expect(readFileSync(file, "utf8")).toBe("one\ntwo\nthree\n");
    expect(readdirSync(join(file, ".."))).toEqual(["auth.jsonl"]); // no lock or temporary file left
  });

  it("lets exactly one of two writers with the same expected version win", async () => {
    const { local, file } = setup();
    const base = await local.appendFile(LOG, "base\n", undefined);
    const version = base.ok ? base.version : undefined;
    const results = await Promise.all([local.appendFile(LOG, "A\n", version), local.appendFile(LOG, "B\n", version)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "conflict" }]);
    expect(["base\nA\n", "base\nB\n"]).toContain(readFileSync(file, "utf8"));
  });

  it("sees a change made behind its back as a conflict", async () => {
    const { local, file } = setup();
    const base = await local.appendFile(LOG, "base\n", undefined);
    writeFileSync(file, "base\nedited by hand\n");
    expect(await local.appendFile(LOG, "mine\n", base.ok ? base.version : undefined)).toEqual({
      ok: false,
      reason: "conflict",
    });
  });
});

describe("LocalRepo.append across processes", () => {
  let compiled: string;
  beforeAll(() => {
    compiled = compileForNode("local/local-repo.ts");
  });

  // Each worker loads the module, says "ready", waits for "go" on stdin so that all of them race
  // at once, then appends four 2-line records, re-reading and retrying on conflict as the core does.
  const worker = `
    import { pathToFileURL } from "node:url";
    const [compiled, root, file, name] = process.argv.slice(1);
    const { LocalRepo } = await import(pathToFileURL(compiled).href);
    const repo = new LocalRepo({ root, lockTimeoutMs: 20000 });
    process.stdout.write("ready");
    await new Promise((go) => process.stdin.once("data", go));
    for (const n of [1, 2, 3, 4]) {
      for (;;) {
        const current = await repo.read(file);
        const result = await repo.appendFile(file, name + "." + n + "a\\n" + name + "." + n + "b\\n", current?.version);
        if (result.ok) break;
      }
    }
    process.stdin.destroy();`;

  it("never loses, duplicates or tears lines from 5 processes making 20 appends at once", async () => {
    const { root, file } = setup();
    const names = Array.from({ length: 5 }, (_, i) => `w${i}`);
    const workers = names.map((name) =>
      spawn(process.execPath, ["--input-type=module", "-e", worker, compiled, root, LOG, name]),
    );
    const exits = workers.map((child) => new Promise((done) => child.on("exit", done)));
    await Promise.all(workers.map((child) => new Promise((ready) => child.stdout.once("data", ready))));
    for (const child of workers) child.stdin.end("go");
    expect(await Promise.all(exits)).toEqual(names.map(() => 0));
    const lines = readFileSync(file, "utf8").split("\n");
    expect(lines.pop()).toBe("");
    const records = names.flatMap((name) => [1, 2, 3, 4].map((n) => `${name}.${n}`));
    expect([...lines].sort()).toEqual(records.flatMap((record) => [`${record}a`, `${record}b`]).sort());
    for (let i = 0; i < lines.length; i += 2) expect(lines[i + 1]).toBe(lines[i]?.replace(/a$/, "b"));
    for (const name of names) {
      const order = [1, 2, 3, 4].map((n) => lines.indexOf(`${name}.${n}a`));
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
  });
});

describe("LocalRepo lock file", () => {
  function deadPid(): number {
    const { pid } = spawnSync("git", ["--version"]);
    if (pid === undefined) throw new Error("could not start git");
    return pid;
  }

  function lockOf(pid: number, host = hostname()): string {
    return JSON.stringify({ pid, host, time: "2020-01-01T00:00:00Z", nonce: "x" });
  }

  function backdate(path: string, seconds: number): void {
    const past = Date.now() / 1000 - seconds;
    utimesSync(path, past, past);
  }

  it("steals a lock left by a dead process", async () => {
    const { local, file } = setup({ lockTimeoutMs: 1_000 });
    await local.appendFile(LOG, "one\n", undefined);
    writeFileSync(`${file}.phasegate-lock`, lockOf(deadPid()));
    const snapshot = await local.read(LOG);
    expect((await local.appendFile(LOG, "two\n", snapshot?.version)).ok).toBe(true);
    expect(existsSync(`${file}.phasegate-lock`)).toBe(false);
  });

  it("waits for a live holder however old its lock, then fails naming the lock file and the holder", async () => {
    const { local, file } = setup({ lockTimeoutMs: 100 });
    await local.appendFile(LOG, "one\n", undefined);
    writeFileSync(`${file}.phasegate-lock`, lockOf(process.pid));
    backdate(`${file}.phasegate-lock`, 3_600);
    const snapshot = await local.read(LOG);
    const started = Date.now();
    await expect(local.appendFile(LOG, "two\n", snapshot?.version)).rejects.toThrow(
      new RegExp(`could not lock ${LOG} within 100 ms: ${LOG}.phasegate-lock is held by pid ${process.pid}`),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
    await expect(local.writeFile(LOG, "replaced\n")).rejects.toThrow(/could not lock/);
    expect(readFileSync(file, "utf8")).toBe("one\n");
    expect(existsSync(`${file}.phasegate-lock`)).toBe(true); // someone else's lock is never removed
  });

  it.each([
    ["from another host, older than the stale limit", lockOf(process.pid, "other-host"), 60],
    ["left empty by a process that died while creating it", "", 5],
  ])("steals a lock %s", async (_name, content, ageSeconds) => {
    const { local, file } = setup({ lockTimeoutMs: 500 });
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.phasegate-lock`, content);
    backdate(`${file}.phasegate-lock`, ageSeconds);
    expect((await local.appendFile(LOG, "one\n", undefined)).ok).toBe(true);
  });

  it("leaves a fresh lock from another host alone", async () => {
    const { local, file } = setup({ lockTimeoutMs: 50 });
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.phasegate-lock`, lockOf(process.pid, "other-host"));
    await expect(local.appendFile(LOG, "one\n", undefined)).rejects.toThrow(/held by pid \d+ on other-host/);
  });
});
