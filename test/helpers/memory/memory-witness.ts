import type { LogWitness, PlanCache, TrustedPrefix } from "../../../core/index.js";

/** `LogWitness` in memory: heads and prefixes by milestone, as another process would find them. */
export class MemoryWitness implements LogWitness {
  readonly heads = new Map<string, { seq: number; hash: string }>();
  readonly prefixes = new Map<string, TrustedPrefix>();

  async recall(milestoneId: string): Promise<{ seq: number; hash: string } | undefined> {
    const head = this.heads.get(milestoneId);
    return head && { ...head };
  }

  /** Only ever moves forward. */
  async record(milestoneId: string, head: { seq: number; hash: string }): Promise<void> {
    const known = this.heads.get(milestoneId);
    if (!known || known.seq < head.seq) this.heads.set(milestoneId, { seq: head.seq, hash: head.hash });
  }

  async forget(milestoneId: string): Promise<void> {
    this.heads.delete(milestoneId);
    this.prefixes.delete(milestoneId);
  }

  async recallPrefix(milestoneId: string): Promise<TrustedPrefix | undefined> {
    const prefix = this.prefixes.get(milestoneId);
    return prefix && structuredClone(prefix);
  }

  async recallPrefixSeq(milestoneId: string): Promise<number | undefined> {
    return this.prefixes.get(milestoneId)?.seq;
  }

  async recordPrefix(milestoneId: string, prefix: TrustedPrefix): Promise<void> {
    this.prefixes.set(milestoneId, structuredClone(prefix));
  }
}

/** `PlanCache` in memory. */
export class MemoryPlanCache implements PlanCache {
  readonly entries = new Map<string, string>();

  async get(key: string): Promise<string | undefined> {
    return this.entries.get(key);
  }

  async set(key: string, value: string): Promise<void> {
    this.entries.set(key, value);
  }
}
