import { renderCompletion } from "../render-completion.js";
import { EXIT } from "../output.js";
import { plainCommand, type Command } from "./command.js";

/**
 * `phasegate completion bash|zsh|fish`: the shell completion script for `commands`. Not one of them
 * itself (help names it in its footer, and the script completes its argument on its own).
 */
export function completionCommand(commands: Command[]): Command {
  return plainCommand({
    name: "completion",
    usage: "phasegate completion bash|zsh|fish",
    summary:
      "Print the shell completion script: command names, each command's options, milestone ids from .milestones/.",
    // Without one, renderCompletion says which shells there are.
    optionalArgs: ["shell"],
    outsideRepository: true,
    async run({ args, io }) {
      io.out(renderCompletion(args.positionals[0], commands));
      return EXIT.ok;
    },
  });
}
