/**
 * @module deployer/cli/commands/trace
 * `ade trace ID [TRACE_ID]`: the traces recorded for a deployment (ID = deployment id, job name or NDJSON
 * file), or one of them as a waterfall. Reads files only; the local receiver writes them.
 */
import { basename, relative } from "node:path";
import { UsageError } from "../../errors";
import type { SpanRecord } from "../../otel/span-record";
import { selectTrace } from "../../otel/trace-file";
import { loadTraceSources, type TraceSources } from "../../otel/trace-sources";
import { renderTraceList, renderWaterfall, summarizeTraces, type TraceSummary } from "../../otel/waterfall";
import { defineCommand, JSON_OPTION } from "../command";
import { color } from "../format";

/** Spans also come from SSH hosts' runners when the deployment has any (`remote`: what was read from each). */
type Sources = { file: string; remote?: TraceSources["remote"] };

export type TraceResult = (Sources & { traces: TraceSummary[]; total: number }) | (Sources & { traceId: string; spans: SpanRecord[] });

export default defineCommand<TraceResult>({
  name: "trace",
  args: "<id> [traceId]",
  describe: "list the recorded traces of a deployment (id, job name or .ndjson file), or show one as a waterfall",
  options: [{ flags: "--limit <n>", describe: "how many recent traces to list", default: 20 }, JSON_OPTION],
  examples: ["ade trace hub-spoke", "ade trace hub-spoke 8d4e8285", "ade trace .ade/traces/dep-1.ndjson --json"],
  async run([id, traceId], options) {
    if (!id) throw new UsageError("missing the deployment id, job name or trace file, e.g. `ade trace hub-spoke`");
    const { file, spans, remote } = await loadTraceSources(id);
    const from = remote.length ? { remote } : {};
    if (traceId) {
      const selected = selectTrace(spans, traceId, file);
      return { file, ...from, traceId: selected[0]!.traceId, spans: selected.sort((a, b) => a.startMs - b.startMs) };
    }
    const limit = Number(options.limit ?? 20);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive integer, got ${String(options.limit)}`);
    const all = summarizeTraces(spans);
    return { file, ...from, traces: all.slice(0, limit), total: all.length };
  },
  render(result) {
    const colors = color.isColorSupported;
    const where = relative(process.cwd(), result.file) || result.file;
    const unread = (result.remote ?? []).filter((r) => r.error).map((r) => color.yellow(`\nspans on ${r.group} could not be read: ${r.error}`)).join("");
    if ("spans" in result) return renderWaterfall(result.spans, { color: colors }) + unread;
    const more = result.total > result.traces.length ? ` (newest ${result.traces.length} of ${result.total}; --limit for more)` : "";
    const hosts = result.remote?.length ? ` and on ${result.remote.map((r) => r.group).join(", ")}` : "";
    return [
      `${result.total} trace${result.total === 1 ? "" : "s"} in ${where}${hosts}${more}${unread}`,
      "",
      renderTraceList(result.traces, { color: colors }),
      "",
      // With spans on SSH hosts, the deployment id (not the local file alone) brings them all.
      color.dim(`show one: ade trace ${result.remote?.length ? basename(result.file, ".ndjson") : where} <trace id>`),
    ].join("\n");
  },
});
