import type { Progress } from "../core/index.js";
import type { Io } from "./output.js";

const WIDTH = 24;

/**
 * A progress bar on stderr for long work: `sync  [#########-----------] 42/150 writes  3.1/s`, and
 * `waiting 58 s: GitHub's rate limit` while a wait holds everything. Only where `io.status` exists
 * (stderr is a terminal) and not under `--json`: piped output and JSON get nothing extra.
 */
export function createProgressBar(io: Io, now: () => number = Date.now): Progress | undefined {
  const status = io.status;
  if (!status || io.json) return undefined;
  let started: number | undefined;
  let last = 0;
  let shown = false;
  let line = "";
  const draw = (text: string, force = false) => {
    const t = now();
    // At most ten redraws a second: a terminal is slower than a fast loop.
    if (!force && t - last < 100) return;
    last = t;
    line = text;
    shown = true;
    status(`\r\u001b[K${text}`);
  };
  return {
    update(step, unit, done, total) {
      started ??= now();
      const filled = total > 0 ? Math.round((Math.min(done, total) / total) * WIDTH) : WIDTH;
      const seconds = (now() - started) / 1000;
      const rate = seconds >= 1 ? `  ${(done / seconds).toFixed(1)}/s` : "";
      draw(
        `${step}  [${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${done}/${total} ${unit}${rate}`,
        done >= total,
      );
    },
    wait(ms, reason) {
      draw(
        `${line ? `${line.replace(/ {2}waiting .*$/, "")}  ` : ""}waiting ${Math.ceil(ms / 1000)} s: ${reason}`,
        true,
      );
    },
    end() {
      if (shown) status("\r\u001b[K");
      shown = false;
    },
  };
}
