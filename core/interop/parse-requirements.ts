import { scanLines } from "./scan-lines.js";

export interface AcceptanceCriterion {
  /** `<requirement id>.<n>` (what `_Requirements: 3.2_` points to), or the id written on the criterion (`STT-REQ-001.2`). */
  id: string;
  /** The number written before the criterion (1-based); for bullets, the position. */
  number: number;
  text: string;
  /** 1-based. */
  line: number;
}

export interface Requirement {
  /** `3`, `2b`, `REQ-3`, `STT-REQ-001` as written in the heading. */
  id: string;
  title: string;
  /** 1-based line of the heading. */
  line: number;
  userStory?: string;
  criteria: AcceptanceCriterion[];
}

export interface RequirementsDocument {
  requirements: Requirement[];
}

// `### Requirement 3`, `### Requirement 3: Title`, `### Requirement 2b — …`, `### Requisito 4: …`, `### 要件1: …`.
const NUMBERED =
  /^(?:\*\*)?(?:Requirements?|Requisitos?|Requerimientos?|Exigences?|Anforderung(?:en)?|要件|要求|需求|요구사항)\s*(\d+[a-z]?)(?:\*\*)?(?:\s*(?:[:：.—–-]|\s)\s*(.*))?$/i;
// `### REQ-3: …` (spec-workflow), `### STT-REQ-001: …`, `### STT-REQ-SEC-001: …` (cc-sdd prefixed ids).
const PREFIXED = /^(?:\*\*)?((?:[A-Z][A-Z0-9]*-)*REQ(?:-[A-Z]+)*-\d+(?:\.\d+)?)(?:\*\*)?(?:\s*[:：.—–-]\s*(.*))?$/;
const CRITERIA_TITLE =
  /acceptance criteria|criterios de aceptaci[oó]n|crit[ée]rios de aceita[cç][aã]o|crit[èe]res d'acceptation|akzeptanzkriterien|受け?入れ?(?:条件|基準)|受入基準|验收标准|验收条件|수용 기준|인수 조건/i;
const LABEL = /^\*\*([^*]+?)(?:\*\*\s*[:：]?|[:：]\*\*)\s*$/;
// `1. WHEN …`, `2) …`, and `1.1 WHEN …` (criteria numbered `<requirement>.<n>`, cc-sdd).
const NUMBERED_ITEM = /^(\s*)(?:(\d{1,4})[.)]|(\d{1,4}(?:\.\d{1,4})+)\.?)\s+(.*)$/;
const BULLET_ITEM = /^(\s*)[-*+]\s+(?:\[[ xX~-]\]\s+)?(.*)$/;
const CRITERION_ID = /^\*\*([A-Z][\w-]*-\d+(?:\.\d+)+)\*\*\s*[:：]?\s*/;
const USER_STORY =
  /^\*\*(?:User Story|Historia de usuario|História de usuário|ユーザーストーリー|用户故事)\s*[:：]?\*\*\s*[:：]?\s*(.*)$/i;

/**
 * Read a Kiro-style requirements.md: numbered requirement headings, each with the numbered list under its
 * `#### Acceptance Criteria` heading (or a localised one, or a bold label). When a requirement has no such
 * heading, the numbered list directly under it is taken instead (hand-written files). Never throws.
 */
export function parseRequirements(text: string): RequirementsDocument {
  const requirements: Requirement[] = [];
  const fallback = new Map<Requirement, AcceptanceCriterion[]>();
  let current: { req: Requirement; level: number } | undefined;
  let section: "criteria" | "body" | "other" = "other";
  let criteriaLevel = 0;
  let base: number | undefined;

  for (const line of scanLines(typeof text === "string" ? text : "").lines) {
    if (line.kind === "hidden" || line.kind === "blank") continue;
    if (line.kind === "heading") {
      const title = line.title.replace(/^[^\p{L}\p{N}*]+/u, "");
      const m = NUMBERED.exec(title) ?? PREFIXED.exec(title);
      if (current && line.level <= current.level) current = undefined;
      if (m?.[1] && !current) {
        current = { req: { id: m[1], title: (m[2] ?? "").trim(), line: line.n, criteria: [] }, level: line.level };
        requirements.push(current.req);
        fallback.set(current.req, []);
        [section, base] = ["body", undefined];
      } else if (current && CRITERIA_TITLE.test(title)) {
        [section, criteriaLevel, base] = ["criteria", line.level, undefined];
      } else if (section !== "criteria" || line.level <= criteriaLevel) {
        section = "other";
      }
      continue;
    }
    if (!current) continue;
    const body = line.text.trim();
    const label = LABEL.exec(body);
    if (label?.[1]) {
      if (CRITERIA_TITLE.test(label[1])) [section, criteriaLevel, base] = ["criteria", 7, undefined];
      else if (section === "criteria") section = "other";
      continue;
    }
    const story = USER_STORY.exec(body);
    if (story) current.req.userStory = (story[1] ?? "").trim();
    if (section === "other") continue;
    const item = readListItem(line.text);
    if (!item || (section === "body" && !item.numbered)) continue;
    base ??= item.indent;
    // Nested lists (`   1. …` under `1. **STT-REQ-002.1**: …`) are part of the criterion above them.
    if (item.indent > base + 1) continue;
    const into = section === "criteria" ? current.req.criteria : (fallback.get(current.req) ?? []);
    into.push(toCriterion(current.req.id, item, into.length, line.n));
  }
  for (const req of requirements) if (req.criteria.length === 0) req.criteria = fallback.get(req) ?? [];
  return { requirements };
}

interface ListItem {
  indent: number;
  numbered: boolean;
  number?: number;
  /** A dotted number written before the text (`1.2 WHEN …`): the criterion's id. */
  written?: string;
  text: string;
}

function readListItem(line: string): ListItem | undefined {
  const num = NUMBERED_ITEM.exec(line);
  if (num) {
    const dotted = num[3];
    const number = Number(dotted ? dotted.split(".").at(-1) : num[2]);
    return {
      indent: (num[1] ?? "").length,
      numbered: true,
      number,
      text: (num[4] ?? "").trim(),
      ...(dotted ? { written: dotted } : {}),
    };
  }
  const bullet = BULLET_ITEM.exec(line);
  if (bullet) return { indent: (bullet[1] ?? "").length, numbered: false, text: (bullet[2] ?? "").trim() };
  return undefined;
}

function toCriterion(reqId: string, item: ListItem, index: number, line: number): AcceptanceCriterion {
  const number = item.number ?? index + 1;
  const written = CRITERION_ID.exec(item.text);
  const text = written ? item.text.slice(written[0].length) : item.text;
  return { id: written?.[1] ?? item.written ?? `${reqId}.${number}`, number, text, line };
}
