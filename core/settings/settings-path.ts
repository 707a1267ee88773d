/** Where the repository's settings live, on the default branch next to the plans. */
export const SETTINGS_PATH = ".github/phasegate.yml";
