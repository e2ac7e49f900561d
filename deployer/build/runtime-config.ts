/**
 * @module deployer/build/runtime-config
 * PURE: what one agent Worker is told at start-up (`ADE_CONFIG`): its module, backend, peers and limits.
 * The peer list here is the same one the model's `query_agent` enum is built from.
 */
import { findBuiltin } from "../../workers/agents/catalog";
import type { RuntimeConfigInput } from "../../workers/config";
import type { JobModel, ResolvedAgent } from "../job/model";
import type { Plan, PlannedAgent } from "../plan";

export interface RuntimeOptions {
  deploymentId?: string;
  /** Peers on other targets: resolved URLs (e.g. a workers.dev URL known only after deploy). */
  urls?: Record<string, string>;
  /** Cross-target calls need the mesh token. */
  requireToken?: boolean;
  otelEndpoint?: string;
}

export function runtimeConfig(model: JobModel, plan: Plan, agent: ResolvedAgent, opts: RuntimeOptions = {}): RuntimeConfigInput {
  const planned = plan.agents.find((a) => a.id === agent.id)!;
  const description = agent.module.kind === "builtin" ? findBuiltin(agent.module.name)?.description : undefined;
  return {
    job: model.name,
    agent: agent.id,
    module: agent.module.kind === "builtin" ? agent.module.name : "custom",
    displayName: agent.displayName,
    ...(description ? { description } : {}),
    version: model.version,
    ...(opts.deploymentId ? { deploymentId: opts.deploymentId } : {}),
    settings: agent.settings,
    backend: agent.backend,
    peers: planned.peers.map((p) => {
      const peer = model.agents.find((a) => a.id === p.name)!;
      const peerDescription = peer.module.kind === "builtin" ? findBuiltin(peer.module.name)?.description : undefined;
      return {
        name: p.name,
        ...(p.binding ? { binding: p.binding } : {}),
        ...(p.url ? { url: opts.urls?.[p.name] ?? p.url } : {}),
        ...(peerDescription ? { description: peerDescription } : {}),
      };
    }),
    maxHops: model.maxHops,
    ...(publicUrl(planned, opts) ? { publicUrl: publicUrl(planned, opts)! } : {}),
    requireToken: opts.requireToken ?? false,
    otel: {
      enabled: model.otel.enabled || Boolean(opts.otelEndpoint),
      ...((opts.otelEndpoint ?? model.otel.endpoint) ? { endpoint: (opts.otelEndpoint ?? model.otel.endpoint)! } : {}),
      protocol: model.otel.protocol,
      serviceName: model.otel.serviceName ?? agent.id,
      captureContent: model.otel.captureContent,
    },
  };
}

function publicUrl(planned: PlannedAgent, opts: RuntimeOptions): string | undefined {
  const url = opts.urls?.[planned.id] ?? planned.url;
  return url.includes("<subdomain>") ? undefined : url;
}
