/**
 * @module workers/otel-settings
 * Whether this agent traces, and where to: the job's `otel` block, overridden by the standard OTEL_* variables
 * (and the legacy AGENT_OTEL_* ones). Pure: reads strings from env, no exporting here.
 */
import type { RuntimeConfig } from "./config";

export interface TracingSettings {
  enabled: boolean;
  /** Full OTLP/HTTP traces URL (`…/v1/traces`). */
  url: string;
  headers: Record<string, string>;
  serviceName: string;
  /** Goes into `service.namespace`: one job's agents group together in a backend. */
  namespace: string;
  version: string;
  /** Extra resource attributes on every span (job, agent, deployment id, OTEL_RESOURCE_ATTRIBUTES). */
  resource: Record<string, string>;
  captureContent: boolean;
  /** Longest an export may take before it is given up (the query never waits for it either way). */
  exportTimeoutMs: number;
}

export const DEFAULT_OTLP_ENDPOINT = "http://127.0.0.1:4318";
export const DEFAULT_EXPORT_TIMEOUT_MS = 3_000;

const TRACES_PATH = "/v1/traces";

/** Settings for `config` with env overrides; `config` undefined (invalid config) means tracing off. */
export function tracingSettings(env: Record<string, unknown>, config: RuntimeConfig | undefined): TracingSettings {
  const get = (name: string): string | undefined => {
    const v = env[name];
    return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
  };
  const otel = config?.otel;
  const tracesUrl = get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
  const baseUrl = get("OTEL_EXPORTER_OTLP_ENDPOINT");
  const legacyOn = get("AGENT_OTEL_ENABLED")?.toLowerCase() === "true";
  const legacyUrl = legacyOn ? get("AGENT_OTEL_ENDPOINT") : undefined;
  const disabled = get("OTEL_SDK_DISABLED")?.toLowerCase() === "true" || get("OTEL_TRACES_EXPORTER")?.toLowerCase() === "none";
  const enabled = Boolean(config) && !disabled && Boolean(otel?.enabled || tracesUrl || baseUrl || legacyOn);

  const url = tracesUrl ?? tracesEndpoint(baseUrl ?? legacyUrl ?? otel?.endpoint ?? DEFAULT_OTLP_ENDPOINT);
  const timeout = Number.parseInt(get("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT") ?? get("OTEL_EXPORTER_OTLP_TIMEOUT") ?? "", 10);
  const agent = config?.agent ?? "agent";
  const resource: Record<string, string> = {
    ...parseKeyValues(get("OTEL_RESOURCE_ATTRIBUTES")),
    "ade.job": config?.job ?? "",
    "ade.agent": agent,
    ...(config?.deploymentId ? { "ade.deployment_id": config.deploymentId, "deployment.id": config.deploymentId } : {}),
  };
  return {
    enabled,
    url,
    headers: parseKeyValues(get("OTEL_EXPORTER_OTLP_TRACES_HEADERS") ?? get("OTEL_EXPORTER_OTLP_HEADERS")),
    serviceName: get("OTEL_SERVICE_NAME") ?? get("AGENT_OTEL_SERVICE_NAME") ?? otel?.serviceName ?? agent,
    namespace: config?.job ?? "ade",
    version: config?.version ?? "0.0.0",
    resource,
    captureContent: Boolean(otel?.captureContent) || get("AGENT_OTEL_CAPTURE_CONTENT")?.toLowerCase() === "true",
    exportTimeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_EXPORT_TIMEOUT_MS,
  };
}

/** A base endpoint (`http://host:4318`) gets the signal path; a URL already ending in it is kept. */
export function tracesEndpoint(endpoint: string): string {
  const trimmed = endpoint.replace(/\/+$/, "");
  return trimmed.endsWith(TRACES_PATH) ? trimmed : `${trimmed}${TRACES_PATH}`;
}

/** The OTEL `k=v,k2=v2` list format (values percent-decoded, blanks and malformed pairs skipped). */
export function parseKeyValues(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (text ?? "").split(",")) {
    const eq = pair.indexOf("=");
    if (eq <= 0) continue;
    const key = pair.slice(0, eq).trim();
    const raw = pair.slice(eq + 1).trim();
    if (!key) continue;
    try {
      out[key] = decodeURIComponent(raw);
    } catch {
      out[key] = raw;
    }
  }
  return out;
}
