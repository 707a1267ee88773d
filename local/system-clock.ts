import { setTimeout as sleep } from "node:timers/promises";
import type { Clock } from "../core/index.js";

/** The machine's clock. */
export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }

  async sleep(ms: number): Promise<void> {
    if (ms > 0) await sleep(ms);
  }
}
