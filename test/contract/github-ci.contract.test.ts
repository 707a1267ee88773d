import { createFakeGitHub } from "../helpers/fake-github/index.js";
import { githubContext } from "../helpers/github-context.js";
import { branchChecksContract } from "./ci-contract.js";

branchChecksContract("GitHub (the adapter against the fake GitHub)", async () => {
  const gh = createFakeGitHub();
  const at = { owner: "acme", repo: "rocket" };
  gh.createRepo({ ...at, files: { "README.md": "# Rocket\n" } });
  gh.commitFiles(at.owner, at.repo, "milestone/m1", { "a.txt": "a\n" });
  return {
    checks: githubContext(gh, at).ports.ci,
    branch: "milestone/m1",
    report: async (name, verdict) => {
      const ref = "milestone/m1";
      if (verdict === "pending") gh.setCheckState({ ...at, ref, name, status: "in_progress" });
      else gh.setCheckState({ ...at, ref, name, conclusion: verdict });
    },
    cleanup: () => {
      if (gh.violations.length > 0) throw new Error(`requests outside GitHub's API: ${gh.violations.join("; ")}`);
    },
  };
});
