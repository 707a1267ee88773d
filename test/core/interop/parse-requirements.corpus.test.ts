import { describe, expect, it } from "vitest";
import { parseRequirements } from "../../../core/interop/index.js";
import { requirementsFiles } from "./corpus.js";

describe("parseRequirements on every requirements.md in the corpus", () => {
  // Hand-written, not in Kiro format: "## Requisitos Funcionales" with "### 1. Filtros" sections.
  const NOT_KIRO_FORMAT = new Set([
    "kiro/7Republik__reservo-spot/.kiro/specs/02-estadisticas-check-in/requirements.md",
  ]);
  const files = requirementsFiles();

  it("finds them", () => expect(files.length).toBeGreaterThanOrEqual(70));

  it.each(files.filter((f) => !NOT_KIRO_FORMAT.has(f.rel)).map((f) => [f.rel, f] as const))(
    "%s: every requirement has criteria",
    (_rel, file) => {
      const { requirements } = parseRequirements(file.text);
      expect(requirements.length).toBeGreaterThan(0);
      expect(requirements.filter((r) => r.criteria.length === 0).map((r) => r.id)).toEqual([]);
    },
  );
});
