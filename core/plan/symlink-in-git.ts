/**
 * Why a symlinked plan or deliverable is refused: the same words from the CLI, the Action and the App.
 * A leaf module, so that the local adapter can say it without loading the plan parser.
 */
export const SYMLINK_IN_GIT =
  "it is a symlink, and git keeps only its target's name, not the file: commit the file itself";
