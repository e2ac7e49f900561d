/**
 * @module workers/a2a-parts
 * Small builders and readers for the SDK's protobuf-style A2A types (parts are `{content:{$case,value}}`,
 * roles and states are enums); the wire JSON differs, and the SDK converts at the transport edge.
 */
import { Role, TaskState, type Artifact, type Message, type Part, type Task } from "@a2a-js/sdk";

export function textPart(value: string): Part {
  return { content: { $case: "text", value }, metadata: undefined, filename: "", mediaType: "text/plain" };
}

export function agentMessage(text: string, ids: { contextId: string; taskId: string }, metadata?: Record<string, unknown>): Message {
  return {
    messageId: crypto.randomUUID(),
    contextId: ids.contextId,
    taskId: ids.taskId,
    role: Role.ROLE_AGENT,
    parts: [textPart(text)],
    metadata,
    extensions: [],
    referenceTaskIds: [],
  };
}

export function userMessage(text: string, contextId: string, metadata?: Record<string, unknown>): Message {
  return {
    messageId: crypto.randomUUID(),
    contextId,
    taskId: "",
    role: Role.ROLE_USER,
    parts: [textPart(text)],
    metadata,
    extensions: [],
    referenceTaskIds: [],
  };
}

export function textArtifact(text: string): Artifact {
  return { artifactId: crypto.randomUUID(), name: "response", description: "", parts: [textPart(text)], metadata: undefined, extensions: [] };
}

/** Concatenated text of the text parts; data parts are rendered as JSON so nothing the peer said is lost. */
export function textOf(parts: Part[] | undefined): string {
  return (parts ?? [])
    .map((p) => {
      if (p.content?.$case === "text") return p.content.value;
      if (p.content?.$case === "data") return JSON.stringify(p.content.value);
      if (p.content?.$case === "url") return p.content.value;
      return "";
    })
    .filter(Boolean)
    .join("\n");
}

const FAILED_STATES: TaskState[] = [TaskState.TASK_STATE_FAILED, TaskState.TASK_STATE_REJECTED, TaskState.TASK_STATE_CANCELED];

/** The answer a finished task or message carries; `failed` when the task ended unsuccessfully. */
export function answerOf(result: Message | Task): { text: string; failed: boolean } {
  if ("messageId" in result) return { text: textOf(result.parts), failed: false };
  const state = result.status?.state;
  const statusText = textOf(result.status?.message?.parts);
  if (state !== undefined && FAILED_STATES.includes(state)) return { text: statusText || `task ${TaskState[state]}`, failed: true };
  const artifacts = result.artifacts.map((a) => textOf(a.parts)).filter(Boolean).join("\n");
  return { text: artifacts || statusText, failed: false };
}
