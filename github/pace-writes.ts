import type { Clock } from "../core/index.js";

/**
 * GitHub's secondary limits on content-creating requests: at most 80 a minute and 500 an hour
 * (https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits).
 * Counts as GitHub does, in sliding windows, on the injected clock, so waiting is virtual in tests.
 * Per process and per run: cluster-wide throttling in the App is Probot's Redis-backed throttling.
 */
export interface PaceLimits {
  perMinute: number;
  perHour: number;
}

export const GITHUB_CONTENT_LIMITS: PaceLimits = { perMinute: 80, perHour: 500 };

export class WritePacer {
  private readonly times: number[] = [];
  /** Virtual ms spent waiting for a slot. */
  waitedMs = 0;

  constructor(
    private readonly clock: Clock,
    private readonly limits: PaceLimits = GITHUB_CONTENT_LIMITS,
  ) {}

  /** Waits until one more write fits in both windows, then counts it. */
  async admit(): Promise<void> {
    for (;;) {
      const now = this.clock.now().getTime();
      const wait = this.waitFor(now);
      if (wait <= 0) {
        this.times.push(now);
        return;
      }
      this.waitedMs += wait;
      await this.clock.sleep(wait);
    }
  }

  private waitFor(now: number): number {
    while (this.times.length > 0 && (this.times[0] as number) <= now - 3_600_000) this.times.shift();
    let wait = 0;
    for (const [span, max] of [
      [60_000, this.limits.perMinute],
      [3_600_000, this.limits.perHour],
    ] as const) {
      const inWindow = this.times.filter((t) => t > now - span);
      if (inWindow.length >= max) wait = Math.max(wait, (inWindow[inWindow.length - max] as number) + span - now + 1);
    }
    return wait;
  }
}
