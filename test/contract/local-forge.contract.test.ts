import { LocalForge } from "../../local/local-forge.js";
import { scratchRepo } from "../helpers/scratch-repo.js";
import { forgeContract } from "./forge-contract.js";

forgeContract("local (git in the working tree)", async () => {
  const scratch = scratchRepo({ "README.md": "# Rocket\n" }, "milestone/m1");
  return {
    forge: new LocalForge({ root: scratch.root }),
    people: "machine",
    branch: "milestone/m1",
    conflict: async () => {
      scratch.write("src/a.ts", "a\n<<<<<<< HEAD\nb\n=======\nc\n>>>>>>> other\n");
      scratch.git("add", "src/a.ts");
    },
    cleanup: () => scratch.cleanup(),
  };
});
