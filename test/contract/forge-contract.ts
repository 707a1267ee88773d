import { afterEach, describe, expect, it } from "vitest";
import type { Forge, Permission } from "../../core/index.js";

/** Who is who on the repository a forge is set up for. */
export const PEOPLE: { permissions: Record<string, Permission>; teams: Record<string, string[]> } = {
  permissions: { ada: "maintain", bob: "triage", cyd: "write" },
  teams: { "acme/leads": ["ada"] },
};

export interface ForgeSetup {
  forge: Forge;
  /**
   * `repository`: permissions and teams as PEOPLE says (GitHub). `machine`: whoever runs the command
   * may edit the files anyway (admin) and teams cannot be known (local mode, ADR 4).
   */
  people: "repository" | "machine";
  /** The milestone branch the conflicts are asked about. */
  branch: string;
  /** Make the milestone's work conflict (a pull request that cannot merge, a conflicted merge). */
  conflict(): Promise<void>;
  cleanup(): void | Promise<void>;
}

export type ForgeFactory = () => Promise<ForgeSetup>;

/**
 * What every `Forge` promises, run against the in-memory one, the GitHub adapter (the fake GitHub)
 * and the local one (real git): permissions from the repository, never guessed up; team membership
 * or "cannot know"; conflicts named, none when there are none.
 */
export function forgeContract(name: string, factory: ForgeFactory): void {
  describe(`Forge contract: ${name}`, () => {
    let setup: ForgeSetup | undefined;
    const open = async () => (setup = await factory());
    afterEach(async () => {
      await setup?.cleanup();
      setup = undefined;
    });

    it("answers each user's permission; nobody gets more than the repository gives", async () => {
      const { forge, people } = await open();
      for (const [user, role] of Object.entries(PEOPLE.permissions)) {
        expect(await forge.getPermission(user)).toBe(people === "machine" ? "admin" : role);
        expect(await forge.getPermission(user.toUpperCase())).toBe(people === "machine" ? "admin" : role);
      }
      expect(await forge.getPermission("stranger")).toBe(people === "machine" ? "admin" : "none");
    });

    it("knows team membership with or without the @, or says it cannot know", async () => {
      const { forge, people } = await open();
      const known = people === "repository";
      expect(await forge.isTeamMember("@acme/leads", "ada")).toBe(known ? true : undefined);
      expect(await forge.isTeamMember("acme/leads", "ada")).toBe(known ? true : undefined);
      expect(await forge.isTeamMember("@acme/leads", "bob")).toBe(known ? false : undefined);
      expect(await forge.isTeamMember("@acme/nobody", "ada")).toBe(known ? false : undefined);
      expect(await forge.isTeamMember("not-a-team", "ada")).toBeUndefined();
    });

    it("reports no conflicts until the work conflicts, then names what conflicts", async () => {
      const setup = await open();
      const clean = await setup.forge.findConflicts(setup.branch);
      expect(clean.items).toEqual([]);
      expect(clean.summary).toMatch(/^no (merge )?conflicts$/);
      await setup.conflict();
      const found = await setup.forge.findConflicts(setup.branch);
      expect(found.items.length).toBeGreaterThan(0);
      for (const item of found.items) expect(found.summary).toContain(item);
    });
  });
}
