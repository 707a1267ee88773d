/**
 * Colour on a terminal, as https://no-color.org and https://force-color.org ask: `NO_COLOR` (any
 * non-empty value) turns it off, `FORCE_COLOR` (anything but "0" or "false") turns it on even when
 * piped; otherwise a stream is coloured when it is a TTY. JSON is never coloured.
 */
export function shouldColour(env: NodeJS.ProcessEnv, isTTY: boolean | undefined): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return !["0", "false"].includes(env.FORCE_COLOR.toLowerCase());
  return isTTY === true && env.TERM !== "dumb";
}

const PAINT = {
  red: "\u001b[31m",
  yellow: "\u001b[33m",
  green: "\u001b[32m",
  dim: "\u001b[2m",
  reset: "\u001b[39;22m",
};

/**
 * The words every command uses for outcomes, painted: `error:`, `refused:` and `FAIL` red,
 * `warning:` yellow, `ok` at a line's start green, the `→` hints dim. One rule for all commands.
 */
export function highlight(text: string): string {
  return text
    .replace(/(^|[ :])(error|refused)(:)/gm, `$1${PAINT.red}$2${PAINT.reset}$3`)
    .replace(/(^|[ :])(warning)(:)/gm, `$1${PAINT.yellow}$2${PAINT.reset}$3`)
    .replace(/^FAIL\b/gm, `${PAINT.red}FAIL${PAINT.reset}`)
    .replace(/^ok\b/gm, `${PAINT.green}ok${PAINT.reset}`)
    .replace(/^( *)(→.*)$/gm, `$1${PAINT.dim}$2${PAINT.reset}`);
}
