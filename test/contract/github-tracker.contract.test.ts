import { createFakeGitHub } from "../helpers/fake-github/index.js";
import { githubContext } from "../helpers/github-context.js";
import { trackerContract } from "./tracker-contract.js";

trackerContract("GitHub (the adapter against the fake GitHub)", async () => {
  const gh = createFakeGitHub();
  gh.createRepo({ owner: "acme", repo: "rocket", files: { "README.md": "# Rocket\n" } });
  return {
    tracker: githubContext(gh, { owner: "acme", repo: "rocket" }).ports.tracker,
    advance: (ms) => void gh.advance(ms),
    now: () => gh.now(),
    cleanup: () => {
      if (gh.violations.length > 0) throw new Error(`requests outside GitHub's API: ${gh.violations.join("; ")}`);
    },
  };
});
