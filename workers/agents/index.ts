/**
 * @module workers/agents/index
 * The table of built-in agent modules, keyed by catalog name (`module: weather` in a job).
 */
import type { AgentModule } from "./agent-module";
import { calculator } from "./calculator";
import { complexity } from "./complexity";
import { controller } from "./controller";
import { factChecker } from "./fact-checker";
import { linter } from "./linter";
import { maps } from "./maps";
import { researchCoordinator } from "./research-coordinator";
import { restricted } from "./restricted";
import { reviewCoordinator } from "./review-coordinator";
import { searcher } from "./searcher";
import { security } from "./security";
import { stock } from "./stock";
import { summarizer } from "./summarizer";
import { weather } from "./weather";

const MODULES: AgentModule[] = [
  controller,
  weather,
  maps,
  stock,
  calculator,
  searcher,
  summarizer,
  factChecker,
  linter,
  security,
  complexity,
  researchCoordinator,
  reviewCoordinator,
  restricted,
];

export const BUILTIN_MODULES: Record<string, AgentModule> = Object.fromEntries(MODULES.map((m) => [m.name, m]));
