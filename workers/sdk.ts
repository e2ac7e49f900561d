/**
 * @module workers/sdk
 * What a user's own agent module imports, as `import { defineAgent, defineTool, z } from "ade/agent"` (the
 * bundler maps that name here, so a job folder needs no dependencies of its own).
 */
export { defineAgent, type AgentModule } from "./agents/agent-module";
export { defineTool, type Tool, type ToolContext } from "./tools/tool";
export { z } from "zod";
