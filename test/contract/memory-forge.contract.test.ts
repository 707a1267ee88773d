import { MemoryForge } from "../helpers/memory/memory-forge.js";
import { PEOPLE, forgeContract } from "./forge-contract.js";

forgeContract("in memory", async () => {
  const forge = new MemoryForge(PEOPLE.permissions);
  for (const [team, members] of Object.entries(PEOPLE.teams)) forge.teams.set(team, new Set(members));
  return {
    forge,
    people: "repository",
    branch: "milestone/m1",
    conflict: async () => void (forge.conflicts = { items: ["#7"], summary: "conflicts in #7" }),
    cleanup: () => undefined,
  };
});
