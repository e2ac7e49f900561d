/**
 * @module deployer/targets/remote/install
 * Makes the remote host able to run the mesh runner: Node ≥ 20, and our exact miniflare (with its workerd) in
 * `<workdir>/runtime`. A marker written after a successful install makes a second start skip npm entirely.
 */
import { readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { UserError } from "../../errors";
import { PACKAGE_ROOT } from "../../paths";
import { sq, type RemoteLayout } from "./layout";
import type { SshSession } from "./ssh";

export const MIN_NODE_MAJOR = 20;
const MARKER = ".ade-installed.json";

/** The miniflare version pinned in our package.json (the runner bundle was built against it). */
export function pinnedMiniflare(): string {
  const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
  const v = pkg.dependencies?.miniflare;
  if (!v) throw new Error("package.json has no miniflare dependency");
  return v;
}

/** `node` command for the remote shell: the job's path, else whatever `node` the login PATH has. */
export function nodeCommand(node: string | undefined): string {
  return node ? sq(node) : "node";
}

/** Runs `node --version` remotely; refuses a missing or too-old Node with the fix. */
export async function checkNode(ssh: SshSession, node: string | undefined): Promise<string> {
  const where = `${ssh.endpoint.user}@${ssh.endpoint.hostName}`;
  const r = await ssh.exec(`${nodeCommand(node)} --version`, { timeoutMs: 20_000 });
  if (r.code !== 0) {
    const how = node ? `"${node}" did not run (${(r.stderr || r.stdout).trim().slice(0, 200)})` : "no `node` on the PATH of a non-interactive SSH shell";
    throw new UserError(`Node.js ${MIN_NODE_MAJOR}+ is needed on ${where}: ${how}. Install it there, or set "node: /path/to/node" in the agent's deployment`);
  }
  const version = r.stdout.trim();
  const major = Number(/^v(\d+)\./.exec(version)?.[1]);
  if (!(major >= MIN_NODE_MAJOR)) {
    throw new UserError(`Node.js ${MIN_NODE_MAJOR}+ is needed on ${where}, found ${version || "an unreadable version"}. Upgrade it, or point "node:" at a newer binary`);
  }
  return version;
}

/** PATH prefix so `npm` is the one beside the chosen node (nvm-style installs have no global npm). */
function npmEnv(node: string | undefined): string {
  return node && node.includes("/") ? `PATH=${sq(posix.dirname(node))}:"$PATH" ` : "";
}

/** Installs miniflare@version into the runtime folder unless the marker says it is already there. */
export async function ensureRuntime(ssh: SshSession, layout: RemoteLayout, node: string | undefined, version = pinnedMiniflare()): Promise<{ installed: boolean }> {
  const rt = layout.runtime;
  const marker = posix.join(rt, MARKER);
  const probe = await ssh.exec(`cat ${sq(marker)} 2>/dev/null && test -f ${sq(posix.join(rt, "node_modules/miniflare/package.json"))} && echo OK`, { timeoutMs: 15_000 });
  if (probe.code === 0 && probe.stdout.includes(`"miniflare":"${version}"`) && probe.stdout.trim().endsWith("OK")) return { installed: false };

  const cmd = [
    `mkdir -p ${sq(rt)}`,
    `cd ${sq(rt)}`,
    // --prefer-offline: a host that installed this exact version before reuses its npm cache.
    `${npmEnv(node)}npm install --no-save --no-audit --no-fund --no-package-lock --prefer-offline --loglevel=error --prefix ${sq(rt)} ${sq(`miniflare@${version}`)}`,
    `printf '%s\\n' ${sq(JSON.stringify({ miniflare: version }))} > ${sq(marker)}`,
  ].join(" && ");
  const r = await ssh.exec(cmd, { timeoutMs: 10 * 60_000 });
  if (r.code !== 0) {
    const tail = (r.stderr || r.stdout).trim().split("\n").slice(-15).join("\n");
    throw new UserError(`installing miniflare@${version} into ${rt} on ${ssh.endpoint.hostName} failed (exit ${r.code}):\n${tail}\nThe host needs npm beside node and access to the npm registry`);
  }
  return { installed: true };
}
