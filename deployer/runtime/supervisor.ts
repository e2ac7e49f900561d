/**
 * @module deployer/runtime/supervisor
 * Keeps a runner's workerd alive: when its agents' port stops accepting connections (workerd crashed, was
 * OOM-killed or killed by hand), the runner starts it again, with its persisted state, a bounded number of
 * times. Each restart is logged and counted in a small JSON file beside the spec that `ade status` reads.
 */
import { connect } from "node:net";
import { writeFile } from "node:fs/promises";

export interface SupervisorOptions {
  /** A port workerd listens on; refused connections mean workerd is gone. */
  port: number;
  host: string;
  /** Starts workerd again (Miniflare's setOptions respawns it). */
  restart: () => Promise<void>;
  /** Where the restart count goes. */
  stateFile: string;
  log: (level: "warn" | "error", msg: string, extra?: Record<string, unknown>) => void;
  /** Called when restarts keep failing: the runner should exit so status shows the group as down. */
  giveUp: () => void;
  intervalMs?: number;
  /** At most this many restarts within `windowMs`. */
  maxRestarts?: number;
  windowMs?: number;
}

export interface SupervisorState {
  restarts: number;
  lastRestartAt?: string;
  lastReason?: string;
}

/** True when something accepts a TCP connection on host:port within `timeoutMs`; a busy workerd still accepts. */
export function accepts(host: string, port: number, timeoutMs = 2000): Promise<boolean | "timeout"> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (result: boolean | "timeout") => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done("timeout"));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

export class Supervisor {
  private timer?: NodeJS.Timeout;
  private paused = 0;
  private misses = 0;
  private readonly recent: number[] = [];
  readonly state: SupervisorState = { restarts: 0 };

  constructor(private readonly opts: SupervisorOptions) {}

  start(): void {
    void this.save();
    this.timer = setInterval(() => void this.check(), this.opts.intervalMs ?? 1000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Runs `work` (a reload, a stop) without the watchdog mistaking workerd's planned absence for a crash. */
  async pause<T>(work: () => Promise<T>): Promise<T> {
    this.paused++;
    try {
      return await work();
    } finally {
      this.paused--;
      this.misses = 0;
    }
  }

  private async check(): Promise<void> {
    if (this.paused) return;
    const up = await accepts(this.opts.host, this.opts.port);
    if (this.paused) return;
    // Only a refused connection counts; a slow accept is a busy runtime, not a dead one.
    if (up !== false) {
      this.misses = 0;
      return;
    }
    if (++this.misses < 2) return;
    await this.pause(() => this.restart());
  }

  private async restart(): Promise<void> {
    const now = Date.now();
    const windowMs = this.opts.windowMs ?? 300_000;
    while (this.recent.length && now - this.recent[0]! > windowMs) this.recent.shift();
    if (this.recent.length >= (this.opts.maxRestarts ?? 5)) {
      this.opts.log("error", `workerd keeps exiting (${this.recent.length} restarts in ${Math.round(windowMs / 1000)}s); giving up`, { restarts: this.state.restarts });
      this.stop();
      this.opts.giveUp();
      return;
    }
    this.recent.push(now);
    this.state.restarts++;
    this.state.lastRestartAt = new Date(now).toISOString();
    this.state.lastReason = `port ${this.opts.port} refused connections`;
    this.opts.log("warn", `workerd is gone (${this.state.lastReason}); restarting it (restart ${this.state.restarts})`, { restarts: this.state.restarts });
    try {
      await this.opts.restart();
    } catch (err) {
      this.opts.log("error", `restart failed: ${(err as Error).message}`);
    }
    await this.save();
  }

  private async save(): Promise<void> {
    await writeFile(this.opts.stateFile, JSON.stringify(this.state)).catch(() => undefined);
  }
}
