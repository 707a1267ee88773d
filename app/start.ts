/**
 * `npm start`: check the environment, then run the App on Probot's server (`probot run`). A missing
 * id, key or webhook secret stops it with a message that names what is missing, instead of Probot's
 * setup page or a server that accepts webhooks signed with "development".
 */
import { existsSync } from "node:fs";
import { run } from "probot";
import { findMissingEnv, renderMissingEnv } from "./check-env.js";
import app from "./index.js";

if (existsSync(".env")) process.loadEnvFile(".env");
const setup = process.argv.includes("--setup");
const missing = findMissingEnv(process.env);
if (missing.length > 0 && !setup) {
  console.error(renderMissingEnv(missing));
  process.exit(1);
}
await run(app);
