// Builds job files in code (agents, topology, targets) so planner and generator tests read as tables.
import { stringify } from "yaml";
import { validateJobText, type Validation } from "../../deployer/job/validate";

type AgentInit = { module?: string; port?: number; target?: Record<string, unknown>; backend?: Record<string, unknown>; config?: Record<string, unknown>; environment?: Record<string, string> };

export class FakeJob {
  private agents: Array<Record<string, unknown>> = [];
  private topologyBlock: Record<string, unknown> = { type: "mesh", agents: [] };
  private extra: Record<string, unknown> = {};
  private nextPort = 9500;

  constructor(private name = "fake") {}

  agent(id: string, init: AgentInit = {}): this {
    this.agents.push({
      id,
      module: init.module ?? "restricted",
      config: { ...(init.config ?? {}), ...(init.target?.target === "cloudflare" ? {} : { port: init.port ?? this.nextPort++ }) },
      ...(init.backend ? { backend: init.backend } : {}),
      deployment: { target: "localhost", ...(init.target ?? {}), ...(init.environment ? { environment: init.environment } : {}) },
    });
    return this;
  }

  topology(block: Record<string, unknown>): this {
    this.topologyBlock = block;
    return this;
  }

  set(key: string, value: unknown): this {
    this.extra[key] = value;
    return this;
  }

  yaml(): string {
    return stringify({ job: { name: this.name, version: "1.0.0", description: "test job" }, backend: { type: "offline" }, ...this.extra, agents: this.agents, topology: this.topologyBlock });
  }

  validate(env: Record<string, string> = {}): Validation {
    return validateJobText(this.yaml(), `${this.name}.yaml`, process.cwd(), { env });
  }

  model() {
    const v = this.validate();
    if (!v.model) throw new Error(`fake job invalid:\n${v.diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`).join("\n")}`);
    return v.model;
  }
}
