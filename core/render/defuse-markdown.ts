/**
 * U+2060 WORD JOINER: invisible, and not a login character, so `@⁠alice` reads as `@alice` but
 * GitHub's mention filter (an `@` then a login, https://docs.github.com/en/get-started/writing-on-github/getting-started-with-writing-and-formatting-on-github/basic-writing-and-formatting-syntax#mentioning-people-and-teams)
 * does not see a mention.
 */
const JOINER = "\u2060";

/** An `@` that GitHub would read as a mention: not inside a word or an email address, followed by a login. */
const MENTION = /(^|\W)@(?=[A-Za-z0-9])/g;
/** Markdown image syntax (inline and reference): the `!` before `[`. */
const IMAGE = /!(?=\[)/g;
/** Raw HTML elements that load a remote resource when GitHub renders them. */
const REMOTE_HTML = /<(?=\/?\s*(?:img|picture|source|video|audio|image|svg|iframe|object|embed|track|input)\b)/gi;

/**
 * Text Phasegate writes to GitHub (issue bodies and titles, the dashboard, the milestone's
 * description, replies, check runs), made inert: no `@user` or `@org/team` mention notifies anyone,
 * and no image or other remote resource loads. Plans, logs and comments are other people's words;
 * copying them must not ping someone on every sync or fetch a tracking pixel. Idempotent, so a body
 * rendered twice is the same bytes (an unchanged task makes no write). Deliberate mentions (an
 * escalation asking its owners to act) are added after this.
 */
export function defuseMarkdown(text: string): string {
  return text.replace(MENTION, `$1@${JOINER}`).replace(IMAGE, "!\\").replace(REMOTE_HTML, "&lt;");
}
