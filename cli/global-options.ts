/**
 * Global options may come before the command, as in git: `phasegate -C dir --json status m1`.
 * They are moved after the command's name, where every command's parser reads them.
 */
const WITH_VALUE = new Set(["-C", "--as", "--session"]);
const FLAGS = new Set(["--json", "-v", "--verbose", "-q", "--quiet"]);

export function hoistGlobalOptions(argv: string[]): { name: string | undefined; rest: string[] } {
  const leading: string[] = [];
  let at = 0;
  while (at < argv.length) {
    const arg = argv[at] as string;
    const [flag] = arg.split("=", 1) as [string];
    if (FLAGS.has(arg)) {
      leading.push(arg);
      at += 1;
    } else if (WITH_VALUE.has(flag) && arg.includes("=")) {
      leading.push(arg);
      at += 1;
    } else if (WITH_VALUE.has(arg) && at + 1 < argv.length) {
      leading.push(arg, argv[at + 1] as string);
      at += 2;
    } else if (/^-C./.test(arg)) {
      leading.push(arg);
      at += 1;
    } else break;
  }
  const [name, ...rest] = argv.slice(at);
  return { name, rest: [...leading, ...rest] };
}

/** The known name nearest to `given` (edit distance at most 3), for "did you mean". */
export function nearestName(given: string, names: string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = editDistance(given.toLowerCase(), name);
    if (distance <= 3 && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/** GitHub's login rules: 1–39 alphanumerics or single inner hyphens; an app's `name[bot]` too. */
const LOGIN = /^(?=.{1,39}(\[bot\])?$)[A-Za-z0-9](?:-?[A-Za-z0-9])*(\[bot\])?$/;
/** A session id names a file (`.milestones/sessions/<id>.yaml`). */
const SESSION = /^[A-Za-z0-9._-]{1,100}$/;

/** Why `actor` cannot be recorded as one, or undefined when it can. */
export function checkActor(actor: string): string | undefined {
  return LOGIN.test(actor)
    ? undefined
    : `--as ${JSON.stringify(actor)} is not a GitHub login (1–39 letters, digits and single hyphens, not at either end; "[bot]" may follow)`;
}

export function checkSession(session: string): string | undefined {
  return SESSION.test(session) && !/^\.+$/.test(session)
    ? undefined
    : `--session ${JSON.stringify(session.length > 60 ? session.slice(0, 60) + "…" : session)} is not a session id (1–100 letters, digits, ".", "_" or "-")`;
}
