import { createFakeGitHub } from "../helpers/fake-github/index.js";
import { githubContext } from "../helpers/github-context.js";
import { trackerContract } from "./tracker-contract.js";

trackerContract("GitHub (the adapter against the fake GitHub)", async () => {
  const gh = createFakeGitHub();
  const at = { owner: "acme", repo: "rocket" };
  gh.createRepo({ ...at, files: { "README.md": "# Rocket\n", "old.md": "old\n" } });
  return {
    tracker: githubContext(gh, at).ports.tracker,
    advance: (ms) => void gh.advance(ms),
    now: () => gh.now(),
    pullRequest: async (files) => {
      const head = `topic-${gh.requests.length}`;
      const sha = gh.commitFiles(at.owner, at.repo, head, files);
      return { number: gh.createPullRequest({ ...at, head }), sha };
    },
    dispatches: () => gh.dispatches.map((d) => ({ eventType: d.event_type, payload: d.client_payload })),
    cleanup: () => {
      if (gh.violations.length > 0) throw new Error(`requests outside GitHub's API: ${gh.violations.join("; ")}`);
    },
  };
});
