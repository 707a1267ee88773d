/**
 * What reaches a terminal: text from plans, logs and actors (titles, reasons, names) may hold
 * control characters that retitle the terminal or rewrite what was printed (ESC, BEL, CR…).
 * Human output shows them escaped (`\x1b`); JSON output is left exact (JSON.stringify already
 * escapes U+0000–U+001F, and a JSON reader wants the value as it is).
 */
import { highlight, shouldColour } from "./colour.js";
import type { Io } from "./output.js";

// C0 controls but tab and newline, DEL, and the C1 controls (CSI is U+009B); then the characters that
// reorder or split text without showing (Trojan Source): the Arabic letter mark, LRM/RLM, the line and
// paragraph separators, bidi embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

export function escapeControls(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

/** `io` with control characters escaped in human output; `json` is shared with the wrapped io. */
export function terminalSafe(io: Io): Io {
  // Colour is added after escaping, so a plan's text can never bring its own escape sequences.
  const paint = (text: string, on: boolean | undefined) => (on ? highlight(text) : text);
  return {
    out: (text) => io.out(io.json ? text : paint(escapeControls(text), io.colour?.out)),
    err: (text) => io.err(paint(escapeControls(text), io.colour?.err && !io.json)),
    // Our own bar text, not a plan's: written as it is.
    ...(io.status && { status: io.status }),
    get json() {
      return io.json;
    },
    set json(value: boolean) {
      io.json = value;
    },
  };
}

/**
 * The process's streams. A closed pipe (`phasegate status m1 | head -c1`) ends the process quietly,
 * as `git log | head` does, instead of an EPIPE stack trace.
 */
export function processIo(): Io {
  const quietOnClosedPipe = (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  };
  process.stdout.on("error", quietOnClosedPipe);
  process.stderr.on("error", quietOnClosedPipe);
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    json: false,
    colour: {
      out: shouldColour(process.env, process.stdout.isTTY),
      err: shouldColour(process.env, process.stderr.isTTY),
    },
    ...(process.stderr.isTTY && { status: (t: string) => void process.stderr.write(t) }),
  };
}
