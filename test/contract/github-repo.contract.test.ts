import { createFakeGitHub } from "../helpers/fake-github/index.js";
import { githubContext } from "../helpers/github-context.js";
import { repoContract } from "./repo-contract.js";

repoContract("GitHub (the adapter against the fake GitHub)", async (files) => {
  const gh = createFakeGitHub();
  gh.createRepo({ owner: "acme", repo: "rocket", files });
  const at = { owner: "acme", repo: "rocket" };
  return {
    repo: githubContext(gh, at).repo,
    other: githubContext(gh, at, "ben").repo,
    cleanup: () => {
      if (gh.violations.length > 0) throw new Error(`requests outside GitHub's API: ${gh.violations.join("; ")}`);
    },
  };
});
