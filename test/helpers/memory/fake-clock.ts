import type { Clock } from "../../../core/index.js";

/** Virtual time: `sleep` advances it at once, so back-off and pacing cost nothing in tests. */
export class FakeClock implements Clock {
  slept = 0;
  constructor(private ms = Date.parse("2026-11-30T10:00:00Z")) {}

  now(): Date {
    return new Date(this.ms);
  }

  async sleep(ms: number): Promise<void> {
    this.ms += Math.max(0, ms);
    this.slept += Math.max(0, ms);
  }

  advance(ms: number): void {
    this.ms += ms;
  }
}
