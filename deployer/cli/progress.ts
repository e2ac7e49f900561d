/**
 * @module deployer/cli/progress
 * Per-agent progress while starting: a spinner line on a TTY, plain timestamped lines otherwise (CI logs).
 */
import ora, { type Ora } from "ora";
import { color } from "./format";

export function progressReporter(json: boolean): { update(agent: string, message: string): void; done(): void } {
  if (json) return { update: () => undefined, done: () => undefined };
  if (!process.stderr.isTTY) {
    const t0 = Date.now();
    return {
      update: (agent, message) => process.stderr.write(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${agent}: ${message}\n`),
      done: () => undefined,
    };
  }
  let spinner: Ora | undefined;
  return {
    update(agent, message) {
      const text = `${color.bold(agent)} ${message}`;
      if (message === "healthy") {
        (spinner ?? ora({ stream: process.stderr }).start()).succeed(text);
        spinner = undefined;
      } else if (message.startsWith("failed")) {
        (spinner ?? ora({ stream: process.stderr }).start()).fail(text);
        spinner = undefined;
      } else if (spinner) spinner.text = text;
      else spinner = ora({ text, stream: process.stderr }).start();
    },
    done() {
      spinner?.stop();
    },
  };
}
