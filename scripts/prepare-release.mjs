// `node scripts/prepare-release.mjs vX.Y.Z`: checks that the tag may be released (the form vX.Y.Z,
// package.json's version) and prints the release notes: the commit subjects since the previous
// vX.Y.Z tag, oldest first. The release workflow (.github/workflows/release.yml) runs it.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const tag = process.argv[2] ?? "";
const fail = (message) => {
  process.stderr.write(`prepare-release: ${message}\n`);
  process.exit(1);
};
const match = /^v(\d+)\.(\d+)\.(\d+)$/.exec(tag);
if (!match) fail(`"${tag}" is not a release tag: use vX.Y.Z (v1.2.0); the moving major tag (v1) is made from it`);
const { version } = JSON.parse(readFileSync("package.json", "utf8"));
if (version !== tag.slice(1))
  fail(`the tag is ${tag} but package.json says ${version}: bump "version" in the tagged commit`);

const git = (...args) => execFileSync("git", args, { encoding: "utf8" }).trim();
const byVersion = (a, b) => {
  const [x, y] = [a, b].map((t) => t.slice(1).split(".").map(Number));
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};
const earlier = git("tag", "--list", "v*.*.*")
  .split("\n")
  .filter((t) => /^v\d+\.\d+\.\d+$/.test(t) && byVersion(t, tag) < 0)
  .sort(byVersion)
  .at(-1);
const range = earlier ? `${earlier}..${tag}` : tag;
const subjects = git("log", "--reverse", "--no-merges", "--format=%s", range).split("\n").filter(Boolean);
const lines = [
  `## Phasegate ${tag}`,
  "",
  earlier ? `Changes since ${earlier}:` : "The first release:",
  "",
  ...subjects.map((s) => `- ${s}`),
  "",
  `Use it as \`uses: <owner>/phasegate@v${match[1]}\` (the moving major tag) or \`@${tag}\`; see docs/action.md.`,
];
process.stdout.write(lines.join("\n") + "\n");
