import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../cli/commands/all-commands.js";
import { COMMAND_LOADERS } from "../../cli/main.js";

describe("the CLI's command table", () => {
  it("loads, under each command's name, that command and no other, for every command help lists", async () => {
    expect(Object.keys(COMMAND_LOADERS)).toEqual(COMMANDS.map((c) => c.name));
    for (const [name, load] of Object.entries(COMMAND_LOADERS)) {
      const command = await load();
      expect(command.name).toBe(name);
      expect(command).toBe(COMMANDS.find((c) => c.name === name));
    }
  });
});
