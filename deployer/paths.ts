/**
 * @module deployer/paths
 * Where things live: the package (for the agent runtime in workers/) and the project's `.ade/` state folder.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Root of this package (holds workers/ and node_modules/). */
export const PACKAGE_ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
/** The shared agent entry every built-in agent's Worker runs. */
export const AGENT_ENTRY = resolve(PACKAGE_ROOT, "workers/index.ts");
/** Handler factory and session DO without any agent: what generated entries build on. */
export const KIT_ENTRY = resolve(PACKAGE_ROOT, "workers/kit.ts");

/** The module name users' own agents import helpers from, and where it points. */
export const SDK_ALIAS: Record<string, string> = { "ade/agent": resolve(PACKAGE_ROOT, "workers/sdk.ts") };

/** `.ade/` under the working directory, or ADE_HOME when set (tests use a temp dir). */
export function adeHome(cwd: string = process.cwd()): string {
  return process.env.ADE_HOME ? resolve(process.env.ADE_HOME) : resolve(cwd, ".ade");
}
