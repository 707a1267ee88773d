import { openSync, closeSync, ftruncateSync, writeSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";
import { sampleFiles, SAMPLE_PLAN } from "../helpers/sample-plan.js";

let repo: ScratchRepo;
afterEach(() => repo?.cleanup());

/** Key-shaped test data (secretlint checks the ASN.1 start `MII`). */
const body = Array.from({ length: 5 }, (_, i) => "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo" + i).join("\n");
const RSA = `-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAvb4\n${body}\n-----END RSA PRIVATE KEY-----\n`;
const KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
  - name: prod
    cluster: { server: "https://10.0.0.1" }
users:
  - name: admin
    user:
      token: eyJhbGciOiJSUzI1NiIsImtpZCI6IkRFTU8ifQ.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ.c2lnbmF0dXJlLWRlbW8
contexts:
  - name: prod
    context: { cluster: prod, user: admin }
current-context: prod
`;

/** The files of the last checkpoint's commit (HEAD is the log's, on top of it). */
function committed(r: ScratchRepo): string[] {
  return r.git("show", "--name-only", "--format=", "HEAD~1").split("\n").filter(Boolean);
}

async function checkpoint(r: ScratchRepo) {
  const run = await r.cli("checkpoint", "m1", "--min-changes", "1", "--json", "--as", "bob");
  expect(run.code).toBe(0);
  return JSON.parse(run.out) as { committed: boolean; held_back: { path: string; rule: string; reason: string }[] };
}

describe("checkpoints hold back secrets wherever they are in a file", () => {
  it("after 2 MiB, after a NUL byte, in UTF-16 (both byte orders, with and without BOM), a .p8 key, kubeconfig tokens, a huge file", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    const filler = "x".repeat(79) + "\n";
    repo.write("late.txt", filler.repeat(Math.ceil((2.5 * 1024 * 1024) / 80)) + RSA);
    repo.write("at-the-end-of-9MiB.log.txt", filler.repeat(Math.ceil((9 * 1024 * 1024) / 80)) + RSA);
    repo.write("after-nul.txt", "header\0binary-ish\n" + RSA);
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(RSA, "utf16le")]);
    const utf16be = Buffer.from(utf16le).swap16();
    const noBom = Buffer.from("notes:\n" + RSA, "utf16le");
    for (const [name, bytes] of [
      ["utf16le.txt", utf16le],
      ["utf16be.txt", utf16be],
      ["utf16-no-bom.txt", noBom],
    ] as const) {
      const fd = openSync(join(repo.root, name), "w");
      writeSync(fd, bytes);
      closeSync(fd);
    }
    repo.write(
      "AuthKey_ABC123DEFG.p8",
      "-----BEGIN PRIVATE KEY-----\nMIGTAgEAMBMGByqGSM49\n-----END PRIVATE KEY-----\n",
    );
    repo.write("deploy/kubeconfig", KUBECONFIG);
    repo.write("deploy/prod.kubeconfig", KUBECONFIG);
    repo.write("deploy/kubeconfig-prod.yaml", KUBECONFIG);
    repo.write("deploy/cluster-access.yaml", KUBECONFIG);
    // 150 MB: sparse, so the test does not write it.
    const huge = openSync(join(repo.root, "dump.bin"), "w");
    ftruncateSync(huge, 150 * 1000 * 1000);
    closeSync(huge);
    repo.write("image.png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    repo.write("src/ok.ts", "export const ok = 1;\n");

    const result = await checkpoint(repo);
    expect(result.committed).toBe(true);
    expect(committed(repo)).toEqual(["src/ok.ts"]);
    const held = Object.fromEntries(result.held_back.map((h) => [h.path, `${h.rule}: ${h.reason}`]));
    for (const path of ["late.txt", "at-the-end-of-9MiB.log.txt", "utf16le.txt", "utf16be.txt", "utf16-no-bom.txt"])
      expect(held[path], path).toMatch(/privatekey/);
    expect(held["after-nul.txt"]).toMatch(/privatekey|binary/);
    expect(held["AuthKey_ABC123DEFG.p8"]).toMatch(/file-name/);
    for (const path of ["deploy/kubeconfig", "deploy/prod.kubeconfig", "deploy/kubeconfig-prod.yaml"])
      expect(held[path], path).toMatch(/file-name/);
    expect(held["deploy/cluster-access.yaml"]).toMatch(/kubeconfig/);
    expect(held["dump.bin"]).toMatch(/too-large: .*larger than/);
    expect(held["image.png"]).toMatch(/binary: /);
  }, 120_000);

  it("a binary or large file listed in the plan (a deliverable) is committed", async () => {
    const plan = SAMPLE_PLAN.replace(
      "    assignees: [bob]\n",
      "    assignees: [bob]\n    kiro_workflow:\n      phases:\n        design: { deliverables: [docs/diagram.png] }\n",
    );
    repo = scratchRepo(sampleFiles(plan), "milestone/m1");
    repo.write("docs/diagram.png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    repo.write("other.png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    const result = await checkpoint(repo);
    expect(committed(repo)).toEqual(["docs/diagram.png"]);
    expect(result.held_back.map((h) => h.path)).toEqual(["other.png"]);
  });
});
