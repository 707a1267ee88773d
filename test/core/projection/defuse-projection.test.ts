import { escalationOwners } from "../../../core/rules/escalation-owners.js";
import { describe, expect, it } from "vitest";
import { CommandRefused } from "../../../core/commands/command-refused.js";
import { renderCommandsReply } from "../../../core/commands/limit-commands.js";
import { renderRefusalComment, renderResultComment } from "../../../core/commands/render-comment-reply.js";
import { fold } from "../../../core/events/fold.js";
import type { NewEvent } from "../../../core/events/event.js";
import { renderDashboard } from "../../../core/projection/render-dashboard.js";
import { renderEscalationComment } from "../../../core/projection/render-escalation.js";
import { renderMilestoneDescription } from "../../../core/projection/render-milestone-description.js";
import { renderPlanCheck } from "../../../core/projection/render-plan-check.js";
import { renderTaskIssue } from "../../../core/projection/render-task-issue.js";
import { defuseMarkdown } from "../../../core/render/defuse-markdown.js";
import { computeStatusView } from "../../../core/render/status-view.js";
import { buildLog } from "../../helpers/log-builder.js";
import { makePlan, makeTask } from "../../helpers/make-plan.js";
import { LINKS } from "./scenario.js";

/**
 * Security round 3, item 16: nothing Phasegate writes to GitHub mentions a person or a team, or loads
 * an image, because a plan, a log or a comment said so.
 */
const HOSTILE = [
  "@alice",
  "cc @acme/everyone",
  "(@bob)",
  "@Carol-2,",
  "x\n@dave",
  "![pixel](https://evil.example/p.png)",
  "![ref][img]\n\n[img]: https://evil.example/r.png",
  '<img src="https://evil.example/i.png">',
  "<IMG\nsrc=x>",
  "<picture><source srcset=https://evil.example/s.png></picture>",
  '<video poster="https://evil.example/v.png">',
  "**@erin**",
  "_@frank_",
  "[@gina](https://x)",
  "<@hal>",
].join(" ");

/** A mention GitHub would notify, an image, or HTML that loads a remote resource. */
const MENTION = /(^|\W)@[A-Za-z0-9]/;
const IMAGE = /!\[|<\s*\/?\s*(img|picture|source|video)\b/i;

function hostileWorld() {
  const plan = makePlan(
    [
      makeTask("T1", [], { title: `Tokens ${HOSTILE}`, description: HOSTILE, assignees: ["bob"] }),
      makeTask("T2", ["T1"], { title: HOSTILE, description: `${HOSTILE}\n\n${HOSTILE}` }),
    ],
    { title: `Auth ${HOSTILE}`, description: HOSTILE },
  );
  const events: NewEvent[] = [
    { event: "milestone_activated", actor: "alice", details: { from: "planned" } },
    { event: "phase_started", actor: "bot", task_id: "T1", phase: "design" },
    { event: "task_held", actor: "alice", task_id: "T1", details: { reason: HOSTILE } },
    { event: "phase_rejected", actor: "alice", task_id: "T1", phase: "design", details: { reason: HOSTILE } },
    {
      event: "blocker_detected",
      actor: "scan",
      task_id: "T1",
      details: { blocker_id: "ci", type: "ci_failing", message: `${HOSTILE}\n${HOSTILE}` },
    },
  ];
  const log = buildLog(plan.id, events);
  return { plan, events: log.events, state: fold(plan, log.events) };
}

function bodies(): [string, string][] {
  const { plan, events, state } = hostileWorld();
  const view = computeStatusView(plan, state, new Date("2026-01-01T00:00:00Z"));
  const dashboard = renderDashboard(plan, view, LINKS, { events, notes: [HOSTILE] });
  const issues = plan.tasks.flatMap((t, i): [string, string][] => {
    const issue = renderTaskIssue(plan, t, state.tasks[i]!, state, LINKS);
    return [
      [`${t.id}'s issue title`, issue.title],
      [`${t.id}'s issue body`, issue.body],
    ];
  });
  const escalation = renderEscalationComment(plan, state.blockers, [], 9, []);
  const refused = new CommandRefused("hold", HOSTILE, { code: "x", whoCan: HOSTILE });
  return [
    ["the dashboard's title", dashboard.title],
    ["the dashboard's body", dashboard.body],
    ...issues,
    ["the milestone's description", renderMilestoneDescription(plan, state)],
    // The owners' own mentions are deliberate: everything after the first line is checked.
    ["the escalation comment", escalation.split("\n").slice(2).join("\n")],
    ["a refusal", renderRefusalComment(refused, `/hold ${HOSTILE}`)],
    ["a result", renderResultComment(`/hold ${HOSTILE}`, events, HOSTILE)],
    ["a reply of several commands", renderCommandsReply([`> /status\n\n${HOSTILE}`], [])],
    ...[true, false].map((valid): [string, string] => [
      `a ${valid ? "valid" : "invalid"} plan's check`,
      renderPlanCheck("abc", [
        valid
          ? {
              path: plan.file,
              issues: [],
              preview: [
                {
                  kind: "create-issue",
                  marker: "m",
                  issue: { title: HOSTILE, body: HOSTILE, labels: [], assignees: [], state: "open", milestone: 1 },
                },
              ],
            }
          : {
              path: plan.file,
              issues: [
                {
                  severity: "error",
                  message: HOSTILE,
                  hint: HOSTILE,
                  file: plan.file,
                  line: 1,
                  column: 1,
                  path: "",
                } as never,
              ],
            },
      ]).summary,
    ]),
  ];
}

describe("projected bodies are inert", () => {
  it.each(bodies())("%s", (_, body) => {
    expect(body).not.toMatch(MENTION);
    expect(body).not.toMatch(IMAGE);
  });

  it("the escalation still mentions its owners, on purpose", () => {
    const { plan, state } = hostileWorld();
    const owners = escalationOwners(plan, state, state.blockers, []);
    expect(renderEscalationComment(plan, state.blockers, [], 9, owners).split("\n")[1]).toContain("@bob");
  });

  it("defusing is idempotent and keeps emails", () => {
    const once = defuseMarkdown(HOSTILE + " mail a@b.com");
    expect(defuseMarkdown(once)).toBe(once);
    expect(once).toContain("a@b.com");
  });
});
