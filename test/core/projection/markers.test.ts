import { describe, expect, it } from "vitest";
import {
  dashboardMarker,
  driftMarker,
  milestoneMarker,
  parseMarker,
  parseRequestLine,
  removalMarker,
  replyMarker,
  requestMarker,
  taskMarker,
} from "../../../core/projection/markers.js";

describe("markers", () => {
  it.each([
    [taskMarker("auth-v2", "T1"), { kind: "task", milestone: "auth-v2", task: "T1" }],
    [dashboardMarker("auth-v2"), { kind: "dashboard", milestone: "auth-v2", dashboard: true }],
    [milestoneMarker("auth-v2"), { kind: "milestone", milestone: "auth-v2" }],
    [replyMarker(123456789), { kind: "reply", comment: 123456789 }],
    [driftMarker("auth-v2", "AUTH-3"), { kind: "drift", milestone: "auth-v2", task: "AUTH-3" }],
    [driftMarker("auth-v2"), { kind: "drift", milestone: "auth-v2" }],
    [removalMarker("m.1", "1.2"), { kind: "removed", milestone: "m.1", task: "1.2" }],
  ])("parseMarker(%j) round-trips", (marker, expected) => {
    expect(parseMarker(`${marker}\nbody text`)).toEqual(expected);
  });

  it("writes the documented task marker", () => {
    expect(taskMarker("auth-v2", "T1")).toBe("<!-- phasegate:milestone=auth-v2 task=T1 -->");
    expect(dashboardMarker("auth-v2")).toBe("<!-- phasegate:milestone=auth-v2 dashboard -->");
  });

  it.each([
    ["no marker", "just text"],
    ["inside a fence", "```\n<!-- phasegate:milestone=a task=T1 -->\n```"],
    ["inside a tilde fence", "~~~~md\n<!-- phasegate:milestone=a task=T1 -->\n~~~~"],
    ["unclosed fence", "```\n<!-- phasegate:milestone=a task=T1 -->"],
    ["mid-line", "see <!-- phasegate:milestone=a task=T1 -->"],
    ["quoted", "> <!-- phasegate:milestone=a task=T1 -->"],
    ["uppercase milestone", "<!-- phasegate:milestone=Auth task=T1 -->"],
    ["bad task id", "<!-- phasegate:milestone=a task=-x -->"],
    ["unknown key", "<!-- phasegate:milestone=a owner=bob -->"],
    ["duplicate key", "<!-- phasegate:milestone=a milestone=b -->"],
    ["two flags", "<!-- phasegate:milestone=a dashboard drift -->"],
    ["dashboard with task", "<!-- phasegate:milestone=a task=T1 dashboard -->"],
    ["reply without id", "<!-- phasegate:reply -->"],
    ["request marker", "<!-- phasegate:request=scan -->"],
    ["other prefix", "<!-- renovate:milestone=a -->"],
  ])("parseMarker ignores %s", (_, body) => {
    expect(parseMarker(body)).toBeUndefined();
  });

  it.each([
    ["first wins", `${taskMarker("a", "T1")}\n${taskMarker("b", "T2")}`, { kind: "task", milestone: "a", task: "T1" }],
    [
      "skips a fenced one",
      `\`\`\`\n${taskMarker("a", "T1")}\n\`\`\`\n${dashboardMarker("b")}`,
      { kind: "dashboard", milestone: "b", dashboard: true },
    ],
    [
      "skips a malformed one",
      `<!-- phasegate:milestone=A -->\r\n  ${milestoneMarker("b")}\r\n`,
      { kind: "milestone", milestone: "b" },
    ],
  ])("parseMarker: %s", (_, body, expected) => {
    expect(parseMarker(body)).toEqual(expected);
  });

  it.each([
    [`- [ ] ${requestMarker("scan")} Scan now`, { request: "scan", checked: false }],
    [`- [x] ${requestMarker("resume")} Resume`, { request: "resume", checked: true }],
    [`* [X] ${requestMarker("sync")} Sync`, { request: "sync", checked: true }],
    ["- [x] <!-- phasegate:request=delete --> Delete", undefined],
    [`text - [x] ${requestMarker("scan")}`, undefined],
  ])("parseRequestLine(%j)", (line, expected) => {
    expect(parseRequestLine(line)).toEqual(expected);
  });
});
