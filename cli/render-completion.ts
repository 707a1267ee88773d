import type { Command } from "./commands/command.js";
import { UsageError } from "./output.js";

const GLOBAL = ["-C", "--json", "--as", "--session", "--verbose", "--quiet", "--help"];

/** Each command's options, read from its usage line (the one place they are written down). */
function optionsOf(command: Command): string[] {
  return [...new Set([...(command.usage.match(/--[a-z][a-z-]*/g) ?? []), ...GLOBAL])];
}

/** Whether the command's first argument is a milestone id (completed from `.milestones/*.yaml`). */
function takesMilestone(command: Command): boolean {
  return /^phasegate \S+ (repair )?\[?<?(m|milestone)\b/.test(command.usage);
}

/**
 * A completion script for `shell`: command names, each command's options, and milestone ids from
 * the plans under `.milestones/` of the current folder.
 */
export function renderCompletion(shell: string | undefined, commands: Command[]): string {
  const names = [...commands.map((c) => c.name), "help", "completion"];
  const milestones = commands.filter(takesMilestone).map((c) => c.name);
  const plans = "ls .milestones .milestones/active .milestones/completed 2>/dev/null | sed -n 's/\\.ya\\{0,1\\}ml$//p'";
  if (shell === "bash") {
    const cases = commands.map((c) => `    ${c.name}) opts="${optionsOf(c).join(" ")}" ;;`).join("\n");
    return `# phasegate completion for bash: eval "$(phasegate completion bash)" in ~/.bashrc
_phasegate() {
  local cur=\${COMP_WORDS[COMP_CWORD]} cmd="" i opts=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case \${COMP_WORDS[i]} in -C|--as|--session) ((i++)) ;; -*) ;; *) cmd=\${COMP_WORDS[i]}; break ;; esac
  done
  if [[ -z $cmd ]]; then COMPREPLY=($(compgen -W "${names.join(" ")} ${GLOBAL.join(" ")} --version" -- "$cur")); return; fi
  case $cmd in
${cases}
    help) COMPREPLY=($(compgen -W "${commands.map((c) => c.name).join(" ")}" -- "$cur")); return ;;
    completion) COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")); return ;;
  esac
  if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "$opts" -- "$cur")); return; fi
  case " ${milestones.join(" ")} " in *" $cmd "*) COMPREPLY=($(compgen -W "$(${plans})" -- "$cur")) ;; *) COMPREPLY=($(compgen -f -- "$cur")) ;; esac
}
complete -F _phasegate phasegate
`;
  }
  if (shell === "zsh") {
    return `#compdef phasegate
# phasegate completion for zsh: phasegate completion zsh > "\${fpath[1]}/_phasegate"
_phasegate() {
  local -a commands
  commands=(${commands.map((c) => `'${c.name}:${c.summary.split(". ")[0]!.replace(/'/g, "").replace(/:/g, "\\:")}'`).join(" ")})
  if (( CURRENT == 2 )); then _describe command commands; return; fi
  case $words[2] in
${commands
  .map(
    (c) =>
      `    ${c.name}) _arguments '*:argument:${takesMilestone(c) ? `(\${(f)"$(${plans.replace(/'/g, "'\\''")})"})` : "_files"}' ${optionsOf(
        c,
      )
        .map((o) => `'${o}'`)
        .join(" ")} ;;`,
  )
  .join("\n")}
    help) _describe command commands ;;
    completion) _values shell bash zsh fish ;;
  esac
}
compdef _phasegate phasegate
`;
  }
  if (shell === "fish") {
    const lines = commands.flatMap((c) => [
      `complete -c phasegate -n __fish_use_subcommand -a ${c.name} -d '${c.summary.split(". ")[0]!.replace(/'/g, "\\'")}'`,
      ...optionsOf(c)
        .filter((o) => o.startsWith("--"))
        .map((o) => `complete -c phasegate -n '__fish_seen_subcommand_from ${c.name}' -l ${o.slice(2)}`),
      ...(takesMilestone(c)
        ? [`complete -c phasegate -n '__fish_seen_subcommand_from ${c.name}' -f -a '(${plans.replace(/'/g, "\\'")})'`]
        : []),
    ]);
    return `# phasegate completion for fish: phasegate completion fish > ~/.config/fish/completions/phasegate.fish
${lines.join("\n")}
complete -c phasegate -n __fish_use_subcommand -a 'help completion'
complete -c phasegate -n '__fish_seen_subcommand_from completion' -f -a 'bash zsh fish'
`;
  }
  throw new UsageError(`completion: say which shell: bash, zsh or fish${shell ? ` (not "${shell}")` : ""}`);
}
