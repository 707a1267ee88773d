/**
 * `text` cut to at most `max` UTF-16 code units (GitHub's limits count them), ending in `…` when
 * cut, and never splitting a surrogate pair: an emoji in a title must not become a broken character.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return "";
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return text.slice(0, end) + "…";
}
