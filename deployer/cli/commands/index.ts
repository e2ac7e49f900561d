/**
 * @module deployer/cli/commands
 * The command table. Each entry loads its module lazily so `ade --help` stays fast.
 */
import type { Command } from "../command";

export const COMMANDS: Record<string, () => Promise<{ default: Command<any> }>> = {
  validate: () => import("./validate"),
  plan: () => import("./plan"),
  build: () => import("./build"),
};
