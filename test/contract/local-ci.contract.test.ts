import { LocalTestRunner } from "../../local/local-test-runner.js";
import { scratchRepo } from "../helpers/scratch-repo.js";
import { testRunnerContract } from "./ci-contract.js";

testRunnerContract("local (the test command in the working tree)", async () => {
  const scratch = scratchRepo({ "pass.mjs": "process.exit(0)\n", "fail.mjs": "process.exit(2)\n" });
  return {
    runner: new LocalTestRunner({ root: scratch.root }),
    passing: [process.execPath, "pass.mjs"],
    failing: [process.execPath, "fail.mjs"],
    cleanup: () => scratch.cleanup(),
  };
});
