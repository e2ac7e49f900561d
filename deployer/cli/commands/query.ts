/**
 * @module deployer/cli/commands/query
 * `ade query ID|JOB "text" [--agent NAME] [--session S] [--stream]`: asks the hub (or one agent) and prints
 * the answer with its session id and trace id.
 */
import { sendQuery, type QueryAnswer } from "../../deploy/query";
import { UsageError } from "../../errors";
import { adeHome } from "../../paths";
import { findDeployment } from "../../state";
import { defineCommand, JSON_OPTION } from "../command";
import { color } from "../format";

export default defineCommand<QueryAnswer & { streamed?: boolean }>({
  name: "query",
  args: "<deployment> <text...>",
  describe: "ask the mesh a question (the entry point, or --agent)",
  options: [
    { flags: "-a, --agent <name>", describe: "ask this agent instead of the entry point" },
    { flags: "-s, --session <id>", describe: "continue a conversation (history is kept per session)" },
    { flags: "--stream", describe: "print tokens and tool calls as they happen" },
    { flags: "-t, --timeout <seconds>", describe: "give up after this long", default: 120 },
    { flags: "-r, --raw", describe: "print the answer only (no session, trace or token line)" },
    JSON_OPTION,
  ],
  examples: [`ade query hub-spoke "What's the weather in Tokyo?"`, `ade query hub-spoke "And in Paris?" --session s1 --stream`],
  async run([ref, ...words], options) {
    const text = words.join(" ").trim();
    if (!ref || !text) throw new UsageError('usage: ade query DEPLOYMENT "your question"');
    const seconds = Number(options.timeout ?? 120);
    if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--timeout must be a positive number of seconds, got "${String(options.timeout)}"`);
    const record = await findDeployment(adeHome(), ref);
    const stream = Boolean(options.stream) && !options.json;
    const answer = await sendQuery(record, {
      query: text,
      ...(typeof options.agent === "string" ? { agent: options.agent } : {}),
      ...(options.session !== undefined ? { session: String(options.session) } : {}),
      timeoutMs: seconds * 1000,
      ...(stream
        ? {
            onEvent: (e) => {
              if (e.event === "token") process.stdout.write(String(e.data.text ?? ""));
              else if (e.event === "tool_call") process.stderr.write(color.dim(`\n→ ${String(e.data.name)} ${JSON.stringify(e.data.arguments)}\n`));
              else if (e.event === "tool_result") process.stderr.write(color.dim(`← ${String(e.data.name)}${e.data.isError ? " (error)" : ""}\n`));
            },
          }
        : {}),
    });
    return { ...answer, streamed: stream };
  },
  render(a, options) {
    if (options.raw) return a.streamed ? "" : a.response;
    const meta = color.dim(`${a.agent} · session ${a.session_id}${a.trace_id ? ` · trace ${a.trace_id}` : ""}${a.usage ? ` · ${a.usage.input_tokens}+${a.usage.output_tokens} tokens` : ""}`);
    return a.streamed ? `\n${meta}` : `${a.response}\n${meta}`;
  },
});
