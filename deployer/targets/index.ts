/**
 * @module deployer/targets
 * The table of targets by kind. Targets load lazily: the SSH one pulls in ssh2, the edge one wrangler.
 */
import type { Target, TargetKind } from "./target";

const TARGETS: Record<TargetKind, () => Promise<Target>> = {
  localhost: async () => (await import("./local/index")).localTarget,
  remote: async () => (await import("./remote/index")).remoteTarget,
  cloudflare: async () => (await import("./cloudflare/index")).cloudflareTarget,
};

export function targetFor(kind: TargetKind): Promise<Target> {
  return TARGETS[kind]();
}
