/**
 * @module workers/card
 * The agent card: v1.0 fields (`supportedInterfaces` with a v0.3 mirror) plus the v0.3 top-level `url` /
 * `preferredTransport` / `protocolVersion`, so both generations of A2A clients can read the same document.
 */
import { AgentCard, type AgentSkill } from "@a2a-js/sdk";
import { duplicateInterfacesForLegacy } from "@a2a-js/sdk/compat/v0_3";
import type { AgentModule } from "./agents/agent-module";
import type { RuntimeConfig } from "./config";

export const CARD_PATHS = ["/.well-known/agent-card.json", "/.well-known/agent.json", "/.well-known/agent-configuration"] as const;
export const A2A_PATH = "/a2a";

/** The endpoint peers and clients send JSON-RPC to: the configured public URL, else this request's origin. */
export function interfaceUrl(config: RuntimeConfig, origin: string): string {
  const base = (config.publicUrl ?? origin).replace(/\/+$/, "");
  return `${base}${A2A_PATH}`;
}

export function buildCard(config: RuntimeConfig, mod: AgentModule | undefined, origin: string): AgentCard {
  const url = interfaceUrl(config, origin);
  const description = config.description ?? mod?.description ?? config.displayName;
  const skill = (id: string, name: string, text: string, examples: string[], tags: string[]): AgentSkill => ({
    id,
    name,
    description: text,
    tags,
    examples,
    inputModes: ["text/plain"],
    outputModes: ["text/plain"],
    securityRequirements: [],
  });
  const skills = [
    skill(config.agent, config.displayName, description, mod?.examples ?? [], [config.module]),
    ...(mod?.tools ?? []).map((t) => skill(`${config.agent}.${t.name}`, t.name, t.description, [], [config.module, "tool"])),
  ];
  if (config.peers.length > 0) {
    const names = config.peers.map((p) => p.name).join(", ");
    skills.push(skill(`${config.agent}.query_agent`, "query_agent", `Delegates parts of a question to other agents: ${names}.`, [], ["delegation"]));
  }
  return {
    name: config.displayName,
    description,
    supportedInterfaces: duplicateInterfacesForLegacy([{ url, protocolBinding: "JSONRPC", tenant: "", protocolVersion: "1.0" }], ["JSONRPC"]),
    provider: undefined,
    version: config.version,
    capabilities: { streaming: true, pushNotifications: false, extensions: [], extendedAgentCard: false },
    securitySchemes: config.requireToken
      ? { mesh: { scheme: { $case: "httpAuthSecurityScheme", value: { description: "Deployment mesh token (ADE_MESH_TOKEN)", scheme: "Bearer", bearerFormat: "" } } } }
      : {},
    securityRequirements: [],
    defaultInputModes: ["text/plain"],
    defaultOutputModes: ["text/plain"],
    skills,
    signatures: [],
  };
}

/** Wire JSON: the v1.0 card plus the v0.3 top-level fields (a "superset" card; v1 clients prefer v1 fields). */
export function cardJson(card: AgentCard): Record<string, unknown> {
  const json = AgentCard.toJSON(card) as Record<string, unknown>;
  const primary = card.supportedInterfaces[0];
  return { ...json, url: primary?.url, preferredTransport: "JSONRPC", protocolVersion: "0.3.0" };
}
