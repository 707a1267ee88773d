import { MemoryPlanCache, MemoryWitness } from "../helpers/memory/memory-witness.js";
import { witnessContract } from "./witness-contract.js";

witnessContract("in memory", async () => {
  const witness = new MemoryWitness();
  return { witness, reopen: () => witness, cache: new MemoryPlanCache(), cleanup: () => undefined };
});
