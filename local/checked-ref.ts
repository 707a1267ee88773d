import { assertRefLike } from "./git.js";

/** A ref checked by assertRefLike; `:` is refused too, since `<ref>:<path>` names a file. */
export function checkedRef(ref: string): string {
  assertRefLike(ref);
  if (ref.includes(":")) throw new Error(`invalid git ref ${JSON.stringify(ref)}`);
  return ref;
}
