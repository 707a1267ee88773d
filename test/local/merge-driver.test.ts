import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { driverCommand, ensureMergeDriver } from "../../local/merge-driver.js";
import { tempDir } from "./git-fixture.js";

describe("the merge driver's command line", () => {
  it("passes paths with quotes, spaces and shell syntax to the program literally", () => {
    const dir = join(tempDir("phasegate-driver-"), `it's $(touch pwned) "x" \`y\``);
    mkdirSync(dir, { recursive: true });
    const script = join(dir, "launcher.mjs");
    writeFileSync(
      script,
      `import { writeFileSync } from "node:fs";\nwriteFileSync(process.argv[4], JSON.stringify(process.argv.slice(2)));\n`,
    );
    const command = driverCommand(process.execPath, script);
    expect(command).toBeDefined();
    const line = (command as string).replace("%O %A %B %P", "'b' 'out.json' 't' 'p'");
    execFileSync("sh", ["-c", line], { cwd: dir });
    expect(JSON.parse(readFileSync(join(dir, "out.json"), "utf8"))).toEqual(["merge-log", "b", "out.json", "t", "p"]);
    expect(execFileSync("ls", [dir], { encoding: "utf8" })).not.toContain("pwned");
  });

  it("is not made for a path with a line break or another control character", () => {
    expect(driverCommand(process.execPath, "/tmp/a\nrm -rf ~/x")).toBeUndefined();
    expect(driverCommand("/usr/bin/node\r", "/tmp/p.js")).toBeUndefined();
  });

  it("replaces a registered launcher that is gone, and keeps one that exists or that the user wrote", async () => {
    const root = tempDir("phasegate-driver-repo-");
    execFileSync("git", ["init", "-q", root]);
    const get = () =>
      execFileSync("git", ["config", "--get", "merge.phasegate-log.driver"], { cwd: root, encoding: "utf8" }).trim();
    const bin = join(root, "bin.js");
    writeFileSync(bin, "");
    chmodSync(bin, 0o644);
    const mine = driverCommand(process.execPath, bin) as string;
    const gone = driverCommand(process.execPath, join(root, "gone.js")) as string;
    await ensureMergeDriver(root, gone);
    expect(get()).toBe(gone);
    expect(await ensureMergeDriver(root, mine)).toBe(true);
    expect(get()).toBe(mine);
    expect(await ensureMergeDriver(root, gone)).toBe(false);
    expect(get()).toBe(mine);
    execFileSync("git", ["config", "merge.phasegate-log.driver", "npx phasegate merge-log %O %A %B %P"], { cwd: root });
    expect(await ensureMergeDriver(root, mine)).toBe(false);
    expect(get()).toBe("npx phasegate merge-log %O %A %B %P");
  });
});
