/**
 * Docs match the code: every `phasegate` command in a shell fence of README.md and docs/*.md runs
 * (in a scratch repository with the README's plan), except those that need GitHub, each named here
 * with the reason. A usage error (exit 2) or a crash means the docs show a command that does not exist.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parsePlan } from "../../core/index.js";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";

const ROOT = resolve(import.meta.dirname, "../..");
const DOCS = [
  "README.md",
  ...readdirSync(join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];
/** Commands that need a network or credentials: shown in the docs, not runnable offline. */
const ONLINE: Record<string, string> = { sync: "talks to GitHub's API", doctor: "asks GitHub as the App" };

const read = (file: string) => readFileSync(join(ROOT, file), "utf8");
const fences = (text: string, lang: RegExp) =>
  [...text.matchAll(/^```(\w*)\n([\s\S]*?)^```/gm)].filter((m) => lang.test(m[1]!)).map((m) => m[2]!);

/** `phasegate …` commands of a fence (also inside `$(…)`), without comments and redirections. */
function commandsOf(fence: string): string[][] {
  return fence.split("\n").flatMap((line) => {
    const match = /(?:^|\$\(|\$ )(?:npx )?(phasegate\s[^#)>|]*)/.exec(line);
    if (!match) return [];
    const words = [...match[1]!.trim().matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
    return [words.slice(1)];
  });
}

let repo: ScratchRepo | undefined;
afterEach(() => repo?.cleanup());

const readmePlan = fences(read("README.md"), /^yaml$/).find((f) => /^id: auth-v2$/m.test(f))!;

describe("docs match the code", () => {
  it("the README's plan is valid", () => {
    expect(parsePlan(readmePlan, ".milestones/auth-v2.yaml").issues.filter((i) => i.severity === "error")).toEqual([]);
  });

  it.each(DOCS)("every offline phasegate command in %s's shell fences runs", async (file) => {
    const ran: string[] = [];
    for (const fence of fences(read(file), /^(sh|bash|console|shell)$/)) {
      repo?.cleanup();
      repo = scratchRepo({ ".milestones/auth-v2.yaml": readmePlan, "package.json": '{"scripts":{"test":"true"}}' });
      for (const line of fence.split("\n")) {
        const git = /^git (switch|checkout|add|commit) ([^#]*)/.exec(line.trim());
        if (git) repo.git(git[1]!, ...git[2]!.trim().split(/\s+/));
        for (const args of commandsOf(line)) {
          if (ONLINE[args[0]!]) continue;
          const { code, err } = await repo.cli(...args);
          ran.push(`${args.join(" ")} → ${code}`);
          expect(code, `${file}: phasegate ${args.join(" ")}\n${err}`).not.toBe(2);
          expect(err).not.toMatch(/internal error|at .*\.ts:\d+/);
        }
      }
    }
    if (file === "README.md") {
      expect(ran).toEqual(expect.arrayContaining(["validate → 0", "execute auth-v2 → 0", "status auth-v2 → 0"]));
    }
  });

  it("finds the commands it should", () => {
    const all = DOCS.flatMap((f) => fences(read(f), /^(sh|bash|console|shell)$/).flatMap(commandsOf));
    expect(all.length).toBeGreaterThanOrEqual(8);
    expect(all.map((a) => a[0])).toEqual(
      expect.arrayContaining(["validate", "execute", "status", "approve", "completion"]),
    );
  });
});

describe("docs name what exists", () => {
  const level = (l: string | undefined) => ({ read: 1, write: 2 })[l as "read" | "write"] ?? 0;
  /** action.md's Permissions table: command → { permission: level }. */
  function permissionTable(): Map<string, Record<string, string>> {
    const section = read("docs/action.md").split("## Permissions")[1]!.split("\n## ")[0]!;
    const table = new Map<string, Record<string, string>>();
    for (const row of section.split("\n").filter((l) => /^\| `/.test(l))) {
      const [commands, needs] = row.split("|").slice(1, 3) as [string, string];
      const grants = Object.fromEntries([...needs.matchAll(/`([a-z-]+): (read|write)`/g)].map((m) => [m[1]!, m[2]!]));
      for (const part of commands.split(/,\s*/)) {
        const prefix = /workspace/.test(part) ? "workspace " : "";
        for (const m of part.matchAll(/`([a-z-]+)`/g)) table.set(`${prefix}${m[1]}`, grants);
      }
    }
    return table;
  }

  it("every workflow example grants the permissions action.md's table lists for its commands", async () => {
    const { parse } = await import("yaml");
    const table = permissionTable();
    expect(table.get("scan")).toMatchObject({ checks: "read" });
    const templates = readdirSync(join(ROOT, "docs/workflows"), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith(".yml"))
      .map((f) => read(`docs/workflows/${f}`));
    const workflows = [...DOCS.flatMap((f) => fences(read(f), /^ya?ml$/)), ...templates]
      .map((text) => {
        // A plan may show an error on purpose; a workflow must be valid YAML.
        if (!/^jobs:/m.test(text)) return undefined;
        return parse(text) as { permissions?: Record<string, string>; jobs?: Record<string, any> };
      })
      .filter((w): w is NonNullable<typeof w> => Boolean(w?.jobs));
    let checked = 0;
    for (const workflow of workflows) {
      for (const [name, job] of Object.entries(workflow.jobs!)) {
        const granted = { ...workflow.permissions, ...job.permissions };
        for (const step of job.steps ?? []) {
          if (!/phasegate@|^\.\/?$/.test(String(step.uses ?? "")) || !step.with?.command) continue;
          const workspace = step.with.token === "" ? "workspace " : "";
          const needs = table.get(`${workspace}${step.with.command}`) ?? table.get(step.with.command);
          expect(needs, `no permissions row for ${step.with.command}`).toBeDefined();
          for (const [permission, want] of Object.entries(needs!))
            expect(
              level(granted[permission]),
              `${name}: ${step.with.command} needs ${permission}: ${want}`,
            ).toBeGreaterThanOrEqual(level(want));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(8);
  });

  it("every test file the docs cite exists", () => {
    const files = readdirSync(join(ROOT, "test"), { recursive: true }).map(String);
    const cited = DOCS.flatMap((f) =>
      [...read(f).matchAll(/`((?:test\/)?[\w./-]+\.test\.ts)`|\b(test\/[\w./-]+\.test\.ts)/g)].map((m) => [
        f,
        m[1] ?? m[2]!,
      ]),
    );
    expect(cited.length).toBeGreaterThan(10);
    const missing = cited.filter(([, c]) =>
      c!.startsWith("test/") ? !files.includes(c!.slice(5)) : !files.some((f) => f.endsWith(`/${c}`)),
    );
    expect(missing).toEqual([]);
  });

  it("the README's command table and commands.md list every command, with the options its usage has", async () => {
    const { COMMANDS } = await import("../../cli/commands/all-commands.js");
    const readme = read("README.md").split("## Commands")[1]!.split("\n## ")[0]!;
    const reference = read("docs/commands.md");
    const rows = reference.split("\n").filter((l) => l.startsWith("| `phasegate "));
    const missing: string[] = [];
    for (const command of COMMANDS) {
      const name = command.name === "log" ? "log repair" : command.name;
      expect(readme, `README lacks ${name}`).toMatch(new RegExp(`\\| \`${name}[ \`]|/ \`${name}[ \`]`));
      const first = rows
        .map((r) => r.split(/(?<!\\)\|/)[1]!)
        .filter(
          (c) =>
            c.includes(`\`phasegate ${name} `) || c.includes(`\`phasegate ${name}\``) || c.includes(`/ \`${name}\``),
        )
        .join(" ");
      if (first === "") missing.push(name);
      for (const option of command.usage.match(/--[a-z][a-z-]*/g) ?? [])
        if (option !== "--json" && option !== "--as" && !first.includes(option)) missing.push(`${name} ${option}`);
    }
    expect(missing).toEqual([]);
  });

  it("the schema's $id is where the file is served, and the README's modeline uses it", async () => {
    const schema = JSON.parse(read("schema/plan.schema.json")) as { $id: string };
    expect(schema.$id).toMatch(
      /^https:\/\/raw\.githubusercontent\.com\/[\w-]+\/phasegate\/v\d+\/schema\/plan\.schema\.json$/,
    );
    expect(read("README.md")).toContain(`# yaml-language-server: $schema=${schema.$id}`);
    expect(DOCS.filter((f) => read(f).includes("phasegate.dev"))).toEqual([]);
  });

  it("no numbered line continues a sentence (it would render as a list)", () => {
    const broken = DOCS.flatMap((f) =>
      read(f)
        .split(/^```[\s\S]*?^```/m)
        .join("")
        .split("\n")
        .flatMap((line, i, all) =>
          /^\d+\. /.test(line) && /^[^\s|>*-].*[a-z,]$/.test(all[i - 1] ?? "") && !/^\d+\. /.test(all[i - 1] ?? "")
            ? [`${f}: ${all[i - 1]} / ${line}`]
            : [],
        ),
    );
    expect(broken).toEqual([]);
  });
});

describe("tokens", () => {
  it("every doc that says where sync's token comes from names GITHUB_TOKEN, GH_TOKEN and gh auth token, as the code reads them", () => {
    const code = read("cli/github-context.ts");
    expect(code).toMatch(/GITHUB_TOKEN \|\| options\.env\.GH_TOKEN \|\| \(await ghToken\(\)\)/);
    const says = DOCS.filter((f) => /token from `?GITHUB_TOKEN/.test(read(f)));
    expect(says.length).toBeGreaterThanOrEqual(2);
    for (const f of says)
      expect(read(f), f).toMatch(/token from `?GITHUB_TOKEN`?, else `?GH_TOKEN`?, else `gh auth token`/);
  });
});
