import { MemoryTracker } from "../helpers/memory/memory-tracker.js";
import { trackerContract } from "./tracker-contract.js";

trackerContract("in memory", async () => {
  let now = Date.parse("2026-11-30T10:00:00Z");
  const tracker = new MemoryTracker();
  tracker.now = () => now;
  return {
    tracker,
    advance: (ms) => void (now += ms),
    now: () => now,
    pullRequest: async (files) => {
      const number = 900 + tracker.pullFiles.size;
      const changed = Object.entries(files).filter(([, text]) => text !== null);
      tracker.pullFiles.set(
        number,
        changed.map(([path]) => path),
      );
      const removed = Object.entries(files).filter(([, text]) => text === null);
      tracker.pullRemoved.set(
        number,
        removed.map(([path]) => path),
      );
      const sha = `${number}`.padStart(40, "0");
      tracker.pulls.set(number, { number, sha, base: "main", body: "", author: "octocat", fork: false, state: "open" });
      return { number, sha };
    },
    dispatches: () => tracker.dispatches,
    cleanup: () => undefined,
  };
});
