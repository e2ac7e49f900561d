/**
 * @module test/workers/agents/helpers
 * Runs a tool the way the runtime does: validate the model's arguments with the tool's schema, then call `run`.
 */
import type { Tool, ToolContext } from "../../../workers/tools/tool";

export function makeCtx(settings: Record<string, unknown> = {}, signal = new AbortController().signal): ToolContext {
  return { agent: "test-agent", sessionId: "s-1", settings, signal };
}

/** Parses `args` with the tool's zod schema (throws on schema errors, as the runtime would reject them) and runs it. */
export async function runTool(tool: Tool, args: unknown, settings: Record<string, unknown> = {}): Promise<any> {
  const input = tool.input.parse(args);
  return await tool.run(input, makeCtx(settings));
}
