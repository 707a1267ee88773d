import { describe, expect, it } from "vitest";
import { PLAN_SCHEMA_ID, renderJsonSchema } from "../../../core/plan/render-json-schema.js";

describe("renderJsonSchema", () => {
  const text = renderJsonSchema();
  const schema = JSON.parse(text);

  it("is deterministic JSON with a trailing newline", () => {
    expect(renderJsonSchema()).toBe(text);
    expect(text.endsWith("}\n")).toBe(true);
  });

  it("names its dialect, id, title and description first", () => {
    expect(Object.keys(schema).slice(0, 4)).toEqual(["$schema", "$id", "title", "description"]);
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.$id).toBe(PLAN_SCHEMA_ID);
  });

  it("requires what the parser requires and forbids unknown keys", () => {
    expect(schema.required).toEqual(["version", "id", "title", "tasks"]);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.$defs.Task.required).toEqual(["id", "title"]);
    expect(schema.$defs.Task.additionalProperties).toBe(false);
  });

  it("describes fields and shows defaults to editors", () => {
    expect(schema.properties.branch.description).toContain("milestone/<id>");
    expect(schema.properties.workflow.default).toBe("kiro");
    expect(schema.$defs.Settings.properties.checkpoint_min_changes.default).toBe(10);
    expect(schema.$defs.Settings.properties.claim_ttl.default).toBe("4h");
  });

  it("marks the original protocol's state fields deprecated rather than unknown", () => {
    expect(schema.properties.status).toMatchObject({ deprecated: true });
    expect(schema.$defs.Task.properties.completed_at).toMatchObject({ deprecated: true });
    expect(schema.$defs.PhaseOverride.properties.approved_by).toMatchObject({ deprecated: true });
  });

  it("carries the id patterns the parser uses", () => {
    const taskId = new RegExp(schema.$defs.Task.properties.id.pattern);
    expect(["T1", "auth-1", "1.2"].every((id) => taskId.test(id))).toBe(true);
    expect(taskId.test("T 1")).toBe(false);
  });
});
