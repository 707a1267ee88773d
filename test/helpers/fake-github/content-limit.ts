/**
 * GitHub's secondary limit on content-creating requests: 80 a minute and 500 an hour
 * (https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits),
 * counted in sliding windows of the fake's virtual clock.
 */
export interface ContentLimit {
  perMinute?: number;
  perHour?: number;
}

export interface ContentLimiter {
  /** Seconds to wait when a write now would exceed a window; undefined when it may go (and is counted). */
  admit(now: number): number | undefined;
}

export function createContentLimiter(limit: ContentLimit): ContentLimiter {
  const times: number[] = [];
  const windows: [number, number | undefined][] = [
    [60_000, limit.perMinute],
    [3_600_000, limit.perHour],
  ];
  return {
    admit(now) {
      while (times.length && times[0]! <= now - 3_600_000) times.shift();
      let wait = 0;
      for (const [span, max] of windows) {
        if (max === undefined) continue;
        const inWindow = times.filter((t) => t > now - span);
        if (inWindow.length >= max) wait = Math.max(wait, inWindow[inWindow.length - max]! + span - now);
      }
      if (wait > 0) return Math.ceil(wait / 1000);
      times.push(now);
      return undefined;
    },
  };
}
