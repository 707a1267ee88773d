import { MemoryRepo } from "../helpers/memory/memory-repo.js";
import { repoContract } from "./repo-contract.js";

repoContract("in memory", async (files) => {
  const repo = MemoryRepo.create(files);
  return { repo, other: new MemoryRepo(repo.store), cleanup: () => undefined };
});
