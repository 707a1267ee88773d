import { LocalRepo } from "../../local/local-repo.js";
import { scratchRepo } from "../helpers/scratch-repo.js";
import { repoContract } from "./repo-contract.js";

repoContract("local (working tree and git)", async (files) => {
  const scratch = scratchRepo(files, "milestone/m1");
  return {
    repo: new LocalRepo({ root: scratch.root }),
    other: new LocalRepo({ root: scratch.root }),
    cleanup: () => scratch.cleanup(),
  };
});
