import { createFakeGitHub } from "../helpers/fake-github/index.js";
import { githubContext } from "../helpers/github-context.js";
import { PEOPLE, forgeContract } from "./forge-contract.js";

forgeContract("GitHub (the adapter against the fake GitHub)", async () => {
  const gh = createFakeGitHub();
  const at = { owner: "acme", repo: "rocket" };
  gh.createRepo({ ...at, files: { "README.md": "# Rocket\n" } });
  gh.commitFiles(at.owner, at.repo, "milestone/m1", { "a.txt": "a\n" });
  for (const [user, role] of Object.entries(PEOPLE.permissions)) gh.setPermission(at.owner, at.repo, user, role);
  for (const [team, members] of Object.entries(PEOPLE.teams)) {
    const [org = "", slug = ""] = team.split("/");
    for (const member of members) gh.addTeamMember(org, slug, member);
  }
  return {
    forge: githubContext(gh, at).ports.forge,
    people: "repository",
    branch: "milestone/m1",
    conflict: async () => {
      gh.commitFiles(at.owner, at.repo, "t1", { "b.txt": "b\n" });
      gh.createPullRequest({ ...at, head: "t1", base: "milestone/m1", mergeable: false });
    },
    cleanup: () => {
      if (gh.violations.length > 0) throw new Error(`requests outside GitHub's API: ${gh.violations.join("; ")}`);
    },
  };
});
