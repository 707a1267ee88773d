/** authorize and requirePermission: who may run each command, asked of the forge before anything else. */
import { describe, expect, it } from "vitest";
import { COMMANDS, type CommandName } from "../../../core/commands/command-table.js";
import type { Permission } from "../../../core/plan/plan.js";
import { authorize } from "../../../core/use-cases/authorize.js";
import { requirePermission } from "../../../core/use-cases/require-permission.js";
import { MemoryForge } from "../../helpers/memory/memory-forge.js";
import { memoryContext } from "../../helpers/memory/memory-context.js";

const LEVELS = ["none", "read", "triage", "write", "maintain", "admin"] as const;

/** A context whose actor has `permission`; `asked` counts the forge's answers. */
function contextWith(permission: Permission | "none") {
  const ctx = memoryContext({}, "dana");
  const forge = new MemoryForge({ dana: permission });
  let asked = 0;
  ctx.forge.getPermission = async (user) => {
    asked += 1;
    return forge.getPermission(user);
  };
  return { ctx, asked: () => asked };
}

async function outcome(run: () => Promise<void>): Promise<string> {
  try {
    await run();
    return "allowed";
  } catch (error) {
    const e = error as { code?: string; reason?: string; whoCan?: string };
    return `${e.code}: ${e.reason} (${e.whoCan})`;
  }
}

describe("authorize", () => {
  const cases = (Object.keys(COMMANDS) as CommandName[]).flatMap((command) =>
    LEVELS.map((permission) => ({ command, permission, needs: COMMANDS[command].needs })),
  );

  it.each(cases)("$command by someone with $permission access ($needs)", async ({ command, permission, needs }) => {
    const { ctx, asked } = contextWith(permission);
    const result = await outcome(() => authorize(ctx, command));
    if (needs === "approver" || needs === "read") {
      // The gate's policy judges approvers in the use case; reading needs nothing: the forge is not asked.
      expect(result).toBe("allowed");
      expect(asked()).toBe(0);
      return;
    }
    const enough = LEVELS.indexOf(permission) >= LEVELS.indexOf(needs);
    expect(result).toBe(
      enough
        ? "allowed"
        : `permission: dana has ${permission} access; ${command} needs ${needs} (a collaborator with ${needs} access)`,
    );
    expect(asked()).toBe(1);
  });

  it("every command the table lists needs one of the known levels", () => {
    const known = ["approver", ...LEVELS.filter((level) => level !== "none")];
    for (const rule of Object.values(COMMANDS)) expect(known).toContain(rule.needs);
  });
});

describe("requirePermission", () => {
  it.each([
    { permission: "none", min: "read", allowed: false },
    { permission: "read", min: "read", allowed: true },
    { permission: "triage", min: "write", allowed: false },
    { permission: "write", min: undefined, allowed: true },
    { permission: "read", min: undefined, allowed: false },
    { permission: "maintain", min: "admin", allowed: false },
    { permission: "admin", min: "admin", allowed: true },
    { permission: "admin", min: "write", allowed: true },
  ] as const)(
    "$permission against $min (write when unset) → allowed: $allowed",
    async ({ permission, min, allowed }) => {
      const { ctx } = contextWith(permission);
      const result = await outcome(() => requirePermission(ctx, "pause", min));
      if (allowed) expect(result).toBe("allowed");
      else
        expect(result).toMatch(new RegExp(`^permission: dana has ${permission} access; pause needs ${min ?? "write"}`));
    },
  );
});
