import type { Clock } from "../../../core/index.js";

/** Virtual time: `sleep` advances it at once, so back-off and pacing cost nothing in tests. */
export class FakeClock implements Clock {
  slept = 0;
  constructor(private ms = Date.parse("2026-11-30T10:00:00Z")) {}

  now(): Date {
    return new Date(this.ms);
  }

  /** Advances virtual time, and lets other work run for a while in proportion, so jitter still orders racers. */
  async sleep(ms: number): Promise<void> {
    this.ms += Math.max(0, ms);
    this.slept += Math.max(0, ms);
    for (let i = 0; i < Math.ceil(ms / 5); i++) await new Promise((resolve) => setImmediate(resolve));
  }

  advance(ms: number): void {
    this.ms += ms;
  }
}
