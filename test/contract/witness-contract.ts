import { afterEach, describe, expect, it } from "vitest";
import type { LogWitness, PlanCache, TrustedPrefix } from "../../core/index.js";

export interface WitnessSetup {
  witness: LogWitness;
  /** A second witness over the same storage (another process of the same user). */
  reopen(): LogWitness;
  cache: PlanCache;
  cleanup(): void | Promise<void>;
}

const PREFIX: TrustedPrefix = {
  seq: 3,
  hash: "c".repeat(64),
  bytes: 900,
  lastLineBytes: 300,
  lastLineDigest: "d".repeat(64),
  identity: "dev:1 ino:2",
  planVersion: "e".repeat(40),
  state: { tasks: [] } as unknown as TrustedPrefix["state"],
};

/**
 * What every `LogWitness` and `PlanCache` promises, run against the in-memory ones and the local ones
 * (the git directory): a head only moves forward and outlives the process; forget drops it.
 */
export function witnessContract(name: string, factory: () => Promise<WitnessSetup>): void {
  describe(`LogWitness and PlanCache contract: ${name}`, () => {
    let setup: WitnessSetup | undefined;
    afterEach(async () => {
      await setup?.cleanup();
      setup = undefined;
    });

    it("keeps the newest head per milestone, never an older one, across processes", async () => {
      setup = await factory();
      const { witness, reopen } = setup;
      expect(await witness.recall("m1")).toBeUndefined();
      await witness.record("m1", { seq: 5, hash: "a".repeat(64) });
      await witness.record("m1", { seq: 4, hash: "b".repeat(64) });
      await witness.record("m2", { seq: 1, hash: "f".repeat(64) });
      expect(await reopen().recall("m1")).toEqual({ seq: 5, hash: "a".repeat(64) });
      expect(await reopen().recall("m2")).toEqual({ seq: 1, hash: "f".repeat(64) });
    });

    it("keeps a trusted prefix and forgets head and prefix together", async () => {
      setup = await factory();
      const { witness, reopen } = setup;
      await witness.record("m1", { seq: 5, hash: "a".repeat(64) });
      expect(await witness.recallPrefixSeq?.("m1")).toBeUndefined();
      await witness.recordPrefix?.("m1", PREFIX);
      expect(await reopen().recallPrefix?.("m1")).toEqual(PREFIX);
      expect(await reopen().recallPrefixSeq?.("m1")).toBe(PREFIX.seq);
      await witness.forget("m1");
      expect(await reopen().recall("m1")).toBeUndefined();
      expect(await reopen().recallPrefix?.("m1")).toBeUndefined();
      expect(await reopen().recallPrefixSeq?.("m1")).toBeUndefined();
    });

    it("caches a parsed plan by key", async () => {
      setup = await factory();
      const { cache } = setup;
      expect(await cache.get("plan@1")).toBeUndefined();
      await cache.set("plan@1", '{"id":"m1"}');
      await cache.set("plan@2", '{"id":"m2"}');
      expect(await cache.get("plan@1")).toBe('{"id":"m1"}');
      expect(await cache.get("plan@2")).toBe('{"id":"m2"}');
    });
  });
}
