import type { Clock } from "../core/index.js";

/** A wait that would end after the delivery's deadline: nothing was sent; the work continues later. */
export class OutOfTime extends Error {
  constructor(readonly waitMs: number) {
    super(`a wait of ${waitMs} ms does not fit in this delivery (GitHub waits 10 s for an answer)`);
    this.name = "OutOfTime";
  }
}

/**
 * The clock the GitHub ports get in one delivery: time as `clock` tells it, but a wait (write pacing,
 * a rate limit's `retry-after`, back-off) that would end after `deadlineMs` from now throws OutOfTime
 * instead of holding the answer past GitHub's 10 seconds.
 */
export function deadlineClock(clock: Clock, deadlineMs: number): Clock {
  const deadline = clock.now().getTime() + deadlineMs;
  return {
    now: () => clock.now(),
    sleep: async (ms) => {
      if (clock.now().getTime() + ms > deadline) throw new OutOfTime(ms);
      await clock.sleep(ms);
    },
  };
}
