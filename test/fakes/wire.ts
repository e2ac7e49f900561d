/**
 * How a contract test reads a provider's request body without knowing its format: each fake server exports one
 * WireInspector that finds the tools sent, tool results sent back, echoed tool calls, the system prompt and the key.
 */
import type { RecordedRequest } from "./fake-http";

export interface WireInspector {
  tools(body: any): { name: string; description?: string; schema: any }[];
  toolResults(body: any): { id?: string; name?: string; content: string; isError?: boolean }[];
  /** The assistant's earlier tool calls as sent back in history. */
  toolCallsEchoed(body: any): { id?: string; name: string; arguments: Record<string, unknown> }[];
  system(body: any): string;
  apiKey(req: RecordedRequest): string | undefined;
}
