import { readItemText, type IdStyle, type ItemText } from "./read-item-text.js";

/** What a heading means for the task list: a task of its own, a numbered section, a phase, a checklist. */
export interface HeadingInfo {
  /** The title without leading status emoji. */
  title: string;
  /** Set when the heading is itself a task (`### Task 14.1: …`, `#### T001: …`, `### ✅ Tarea 1.1: …`). */
  task?: { id: string; idStyle: IdStyle; text: ItemText };
  /** Leading number (`### 1. Setup` → `1`, `#### 13.1 Rust …` → `13.1`): a possible synthetic parent. */
  number?: string;
  /** `Phase N` heading (Spec Kit phases, Kiro and cc-sdd phase groups). */
  phase: boolean;
  /** Spec Kit user-story phase (`Phase 3: User Story 1 - …`): independent of other story phases. */
  storyPhase: boolean;
  /** Id-less checkboxes below are criteria (Acceptance Criteria, Validation Checklist, 受入基準, …). */
  criteria: boolean;
  /** A `Dependencies` section: Spec Kit writes `T019 depends on T017` prose there. */
  dependencies: boolean;
  /** Status emoji written before the title (`✅`). */
  leading: string[];
}

const LEADING_STATUS = /^((?:✅|✔️?|☑️?|⏳|🔄|🚧|❌|⏸️?|🟢|🟡|🔴|⭐)\s*)+/u;
const TASK_WORD =
  /^(?:\*\*)?(?:Task|Tarea|Tarefa|Tâche|Aufgabe|タスク|任务|任務|작업)\s*(\d+(?:[.-]\d+)*)(?:\*\*)?\s*(?:[:：.)]\s*|\s+[-—–]\s+|\s+|$)/i;
const SPEC_KIT_TASK = /^(?:\*\*)?(T-?\d{2,4}(?:[A-Za-z]|-[A-Z]+)?)(?:\*\*)?\s*(?:[:：]\s*|\s+[-—–]\s+)/;
const NUMBER = /^(?:(\d+(?:\.\d+)+)\.?|(\d+)\.(?!\d))(?:\s|[:：]|$)/;
const PHASE = /^(?:Phase|Fase|Etapa|Stage|Étape|フェーズ|阶段|階段|단계)\s*\d+(?:\.\d+)*\+?/i;
const STORY =
  /User Story\s*\d+|\bUS\d+\b|ユーザーストーリー|사용자 스토리|用户故事|Hist[óo]ria de Usu[áa]rio|Historia de Usuario/i;
const CRITERIA =
  /accept|criteri|crit[ée]res|aceptaci|aceita|受け?入れ?(?:条件|基準)|受入|完了(?:条件|基準|チェック)|exit criteria|checklist|validation|verification|independent tests?|success criteria|検証|deliverables|definition of done|\bDoD\b|验收|验证清单|수용 기준|완료 기준|검증|done when|チェックリスト/i;
const DEPENDENCIES = /^(?:dependenc|dependênc|依存|依赖|의존)/i;

/** True for a label that introduces criteria: `**Acceptance**:`, `**Criterios:**`, `Validation Checkpoints:`. */
export function isCriteriaLabel(label: string): boolean {
  return CRITERIA.test(label);
}

export function readHeading(raw: string): HeadingInfo {
  const lead = LEADING_STATUS.exec(raw)?.[0] ?? "";
  const title = raw.slice(lead.length).trim();
  const leading = lead.trim() === "" ? [] : [lead.trim()];
  const info: HeadingInfo = {
    title,
    phase: PHASE.test(title),
    storyPhase: PHASE.test(title) && STORY.test(title),
    criteria: CRITERIA.test(title),
    dependencies: DEPENDENCIES.test(title),
    leading,
  };
  const num = NUMBER.exec(title);
  if (num) info.number = num[1] ?? num[2];

  const word = TASK_WORD.exec(title);
  const kit = word ? undefined : SPEC_KIT_TASK.exec(title);
  const match = word ?? kit;
  if (match?.[1]) {
    const text = readItemText(title.slice(match[0].length), { id: false });
    info.task = { id: match[1], idStyle: word ? "numeric" : "spec-kit", text };
    info.criteria = false;
  }
  return info;
}
