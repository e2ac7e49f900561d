/**
 * @module workers/tools/tool
 * A tool an agent's model may call: a name, a description the model reads, a typed input and a function.
 * Tools are pure functions of their input and context; they never throw for bad input the model sent, they
 * return a result the model can read (the loop turns thrown errors into tool errors anyway).
 */
import { z } from "zod";
import type { JsonSchema, ToolSpec } from "../backends/backend";

export interface ToolContext {
  /** This agent's id in the job. */
  agent: string;
  sessionId: string;
  /** The agent's free-form `config:` block from the job. */
  settings: Record<string, unknown>;
  signal: AbortSignal;
}

export interface Tool<I = any> {
  name: string;
  description: string;
  /** zod schema of the input; turned into JSON Schema for the model and used to check what the model sent. */
  input: z.ZodType<I>;
  run(input: I, ctx: ToolContext): Promise<unknown> | unknown;
}

/** Identity helper that keeps the input type of `run` tied to `input`. */
export function defineTool<S extends z.ZodType>(tool: {
  name: string;
  description: string;
  input: S;
  run(input: z.output<S>, ctx: ToolContext): Promise<unknown> | unknown;
}): Tool<z.output<S>> {
  return tool as unknown as Tool<z.output<S>>;
}

/** The provider-neutral spec a backend sends to the model. */
export function toolSpec(tool: Tool): ToolSpec {
  const schema = z.toJSONSchema(tool.input, { target: "draft-7", io: "input" }) as Record<string, unknown>;
  delete schema.$schema;
  return { name: tool.name, description: tool.description, parameters: schema as JsonSchema };
}
