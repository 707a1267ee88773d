import { describe, expect, it } from "vitest";
import { StderrLogger } from "../../local/stderr-logger.js";
import { SystemClock } from "../../local/system-clock.js";

describe("SystemClock", () => {
  it("tells the machine's time", () => {
    const before = Date.now();
    const now = new SystemClock().now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});

describe("StderrLogger", () => {
  it("writes every level when verbose", () => {
    const lines: string[] = [];
    const logger = new StderrLogger(true, (text) => lines.push(text));
    logger.debug("d");
    logger.info("i");
    logger.warn("w");
    expect(lines).toEqual(["phasegate debug: d\n", "phasegate info: i\n", "phasegate warn: w\n"]);
  });

  it("writes nothing otherwise", () => {
    const lines: string[] = [];
    const logger = new StderrLogger(false, (text) => lines.push(text));
    logger.debug("d");
    logger.info("i");
    logger.warn("w");
    expect(lines).toEqual([]);
  });
});
