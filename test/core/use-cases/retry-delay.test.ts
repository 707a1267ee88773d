import { describe, expect, it } from "vitest";
import { retryDelay } from "../../../core/use-cases/retry-delay.js";

describe("retryDelay", () => {
  it.each([
    { attempt: 1, ceiling: 20 },
    { attempt: 2, ceiling: 40 },
    { attempt: 3, ceiling: 80 },
    { attempt: 6, ceiling: 640 },
    { attempt: 7, ceiling: 1_000 },
    { attempt: 30, ceiling: 1_000 },
  ])("attempt $attempt waits up to $ceiling ms, spread over the whole range", ({ attempt, ceiling }) => {
    expect(retryDelay(attempt, () => 0)).toBe(0);
    expect(retryDelay(attempt, () => 0.5)).toBe(Math.round(ceiling / 2));
    expect(retryDelay(attempt, () => 0.999_999)).toBe(ceiling);
  });

  it("two racers with different draws wait differently (full jitter)", () => {
    expect(retryDelay(4, () => 0.1)).not.toBe(retryDelay(4, () => 0.9));
  });
});
