import { GitDirWitness } from "../../local/log-witness.js";
import { GitDirPlanCache } from "../../local/plan-cache.js";
import { scratchRepo } from "../helpers/scratch-repo.js";
import { witnessContract } from "./witness-contract.js";

witnessContract("local (the git directory)", async () => {
  const scratch = scratchRepo({ "README.md": "# Rocket\n" }, "milestone/m1");
  return {
    witness: new GitDirWitness(scratch.root),
    reopen: () => new GitDirWitness(scratch.root),
    cache: new GitDirPlanCache(scratch.root, "build-1"),
    cleanup: () => scratch.cleanup(),
  };
});
