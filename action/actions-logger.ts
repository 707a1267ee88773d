import { debug, info, warning } from "@actions/core";
import type { Logger } from "../core/index.js";

/** The core's diagnostics in the job log: debug lines show with `ACTIONS_STEP_DEBUG`. */
export const actionsLogger: Logger = {
  debug: (message) => debug(message),
  info: (message) => info(message),
  warn: (message) => warning(message),
};
