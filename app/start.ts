/**
 * `npm start`: checks the environment, then runs the App on Probot's server (app/serve-app.ts).
 * `npm start -- --check` verifies the setup with GitHub; `npm start -- --setup` creates the App.
 */
import { existsSync } from "node:fs";
import { serveApp } from "./serve-app.js";

if (existsSync(".env")) process.loadEnvFile(".env");
const { code, server } = await serveApp({
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.cwd(),
  print: (line) => console.error(line),
});
if (!server) process.exit(code);
