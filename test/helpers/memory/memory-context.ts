import type { Context } from "../../../core/index.js";
import { FakeClock } from "./fake-clock.js";
import { MemoryChecks } from "./memory-ci.js";
import { MemoryForge } from "./memory-forge.js";
import { MemoryRepo } from "./memory-repo.js";
import { MemoryTracker } from "./memory-tracker.js";

export interface MemoryContext extends Context {
  repo: MemoryRepo;
  forge: MemoryForge;
  ci: MemoryChecks;
  tracker: MemoryTracker;
  clock: FakeClock;
}

/** Every port in memory: what use-case tests run on. `files` are committed on `main`. */
export function memoryContext(files: Record<string, string>, actor = "alice"): MemoryContext {
  return {
    repo: MemoryRepo.create(files),
    forge: new MemoryForge({ alice: "write", bob: "write", carol: "write", mallory: "read" }),
    ci: new MemoryChecks(),
    tracker: new MemoryTracker(),
    clock: new FakeClock(),
    logger: { debug: () => undefined, info: () => undefined, warn: () => undefined },
    sessionId: "s-test",
    actor,
    random: () => 0.5,
  };
}
