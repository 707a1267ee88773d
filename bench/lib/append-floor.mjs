// The floor of one log append: open a file for appending, write one event-sized line, fsync, close.
// Run as `node bench/lib/append-floor.mjs <file>`.
import { open } from "node:fs/promises";

const handle = await open(process.argv[2], "a");
try {
  await handle.write(
    `${JSON.stringify({ v: 1, event: "task_claimed", at: new Date().toISOString(), pad: "x".repeat(360) })}\n`,
  );
  await handle.sync();
} finally {
  await handle.close();
}
