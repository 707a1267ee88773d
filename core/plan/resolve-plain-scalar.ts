/**
 * What an unquoted, untagged scalar means in YAML 1.2's core schema, as the yaml library resolves it
 * (its `core` schema: null, bool, int in base 8/10/16, .inf/.nan, floats): the same tests in the same
 * order, so readPlainYaml gives the values `parseDocument(...).toJS()` gives.
 */
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

export function resolvePlainScalar(text: string): string | number | boolean | null {
  const first = text.charCodeAt(0);
  // Most plan values start with a letter no tag's test accepts (only n, t, f in either case can): skip the tests.
  const lower = first | 0x20;
  const letter = lower >= 0x61 && lower <= 0x7a;
  if (first >= 0x80 || (letter && lower !== 0x6e && lower !== 0x74 && lower !== 0x66)) return text;
  if (NULL.test(text)) return null;
  if (BOOL.test(text)) return first === 0x74 || first === 0x54;
  if (INT_OCT.test(text)) return parseInt(text.substring(2), 8);
  if (INT.test(text)) return parseInt(text, 10);
  if (INT_HEX.test(text)) return parseInt(text.substring(2), 16);
  if (FLOAT_NAN.test(text)) {
    if (text.slice(-3).toLowerCase() === "nan") return NaN;
    return text[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (FLOAT_EXP.test(text) || FLOAT.test(text)) return parseFloat(text);
  return text;
}
