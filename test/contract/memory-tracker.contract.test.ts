import { MemoryTracker } from "../helpers/memory/memory-tracker.js";
import { trackerContract } from "./tracker-contract.js";

trackerContract("in memory", async () => {
  let now = Date.parse("2026-11-30T10:00:00Z");
  const tracker = new MemoryTracker();
  tracker.now = () => now;
  return { tracker, advance: (ms) => void (now += ms), now: () => now, cleanup: () => undefined };
});
