/**
 * @module deployer/cli/commands
 * The command table. Each entry loads its module lazily so `ade --help` stays fast.
 */
import type { Command } from "../command";

export const COMMANDS: Record<string, () => Promise<{ default: Command<any> }>> = {
  validate: () => import("./validate"),
  plan: () => import("./plan"),
  build: () => import("./build"),
  start: () => import("./start"),
  status: () => import("./status"),
  query: () => import("./query"),
  logs: () => import("./logs"),
  stop: () => import("./stop"),
  list: () => import("./list"),
  cleanup: () => import("./cleanup"),
  trace: () => import("./trace"),
};
