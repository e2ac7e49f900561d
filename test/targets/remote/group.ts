/**
 * Builds a remote GroupSpec the way the orchestrator would (job model → plan → runtime config → bundle), for
 * agents on the test sshd, without going through the CLI.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { planDeployment } from "../../../deployer/plan";
import type { GroupSpec, TargetContext } from "../../../deployer/targets/target";
import { FakeJob } from "../../helpers/fake-job";
import { agentConfig, bundled } from "../../helpers/mesh";
import type { Sshd } from "../../helpers/sshd";

export interface RemoteOpts {
  workdir: string;
  knownHosts?: string;
  hostKey?: string;
  port?: number;
  timeoutSec?: number;
}

export async function remoteGroup(sshd: Pick<Sshd, "port" | "user" | "clientKey" | "knownHosts">, agents: Array<{ id: string; module: string; port: number }>, opts: RemoteOpts, secrets: Record<string, string> = {}): Promise<GroupSpec> {
  const job = new FakeJob("remote-test");
  for (const a of agents) {
    job.agent(a.id, {
      module: a.module,
      port: a.port,
      target: {
        target: "remote",
        host: "127.0.0.1",
        port: opts.port ?? sshd.port,
        user: sshd.user,
        ssh_key: sshd.clientKey,
        workdir: opts.workdir,
        ...(opts.hostKey ? { host_key: opts.hostKey } : { known_hosts: opts.knownHosts ?? sshd.knownHosts }),
      },
    });
  }
  // Independent agents: no peers, so the group is just the agents themselves.
  job.topology({ type: "dynamic" });
  if (opts.timeoutSec) job.set("deployment", { ssh: { timeout: opts.timeoutSec } });
  const model = job.model();
  const plan = planDeployment(model);
  const path = await bundled();
  const hash = createHash("sha256").update(await readFile(path)).digest("hex");
  return {
    key: plan.agents[0]!.group,
    kind: "remote",
    secrets,
    agents: model.agents.map((agent) => {
      const planned = plan.agents.find((p) => p.id === agent.id)!;
      const runtime = agentConfig({ name: agent.id, module: agents.find((a) => a.id === agent.id)!.module }, []);
      const fingerprint = createHash("sha256").update(JSON.stringify(runtime)).update(String(agent.port)).digest("hex").slice(0, 16);
      return { agent, planned, runtime, bundle: { path, hash }, fingerprint };
    }),
  };
}

export function testContext(home: string, progress: string[] = []): TargetContext {
  return {
    deploymentId: "remote-test-1",
    job: "remote-test",
    home,
    logDir: `${home}/logs`,
    stateDir: `${home}/state`,
    progress: (agent, msg) => void progress.push(`${agent}: ${msg}`),
    dryRun: false,
  };
}
