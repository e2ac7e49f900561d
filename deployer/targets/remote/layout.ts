/**
 * @module deployer/targets/remote/layout
 * Where things go under the remote workdir, and POSIX shell quoting for the commands that touch them. The
 * workdir's `~` is the REMOTE home, resolved over SSH before any path is built.
 */
import { posix } from "node:path";
import { UserError } from "../../errors";

export interface RemoteLayout {
  workdir: string;
  /** npm prefix holding node_modules/miniflare; the runner sits here so `import "miniflare"` resolves. */
  runtime: string;
  runner: string;
  spec: string;
  secrets: string;
  /** What is running: pid, fingerprints, spec hash (read back by the next start). */
  state: string;
  logs: string;
  logFile: string;
  persist: string;
  bundles: string;
  bundle(agentId: string): string;
  /** Spans the runner's own OTLP receiver records for a deployment; `ade trace` reads them over SSH. */
  traces(deploymentId: string): string;
}

/** `~/x` or a relative path → under the remote `$HOME`. */
export function absoluteWorkdir(workdir: string, remoteHome: string): string {
  if (workdir === "~") return remoteHome;
  if (workdir.startsWith("~/")) return posix.join(remoteHome, workdir.slice(2));
  return posix.isAbsolute(workdir) ? posix.normalize(workdir) : posix.join(remoteHome, workdir);
}

export function layoutOf(workdir: string): RemoteLayout {
  const j = (...p: string[]) => posix.join(workdir, ...p);
  return {
    workdir,
    runtime: j("runtime"),
    runner: j("runtime", "ade-runner.mjs"),
    spec: j("spec.json"),
    secrets: j("secrets.env"),
    state: j("runner.json"),
    logs: j("logs"),
    logFile: j("logs", "runner.log"),
    persist: j("state"),
    bundles: j("bundles"),
    traces: (deploymentId) => j("traces", `${deploymentId.replace(/[^\w.-]/g, "_")}.ndjson`),
    // One folder per agent: workerd roots each Worker's modules at its bundle's folder.
    bundle: (id) => j("bundles", id.replace(/[^\w.-]/g, "_"), "worker.js"),
  };
}

/** Single-quotes a word for sh: safe for any path or value. */
export function sq(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** `NAME='value'` lines for `set -a; . ./secrets.env`; refuses names a shell would misread. */
export function secretsEnv(secrets: Record<string, string>): string {
  return Object.keys(secrets)
    .sort()
    .map((name) => {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new UserError(`secret name "${name}" is not a valid environment variable name; rename it in the job`);
      return `${name}=${sq(secrets[name]!)}\n`;
    })
    .join("");
}
