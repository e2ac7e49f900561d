/**
 * @module deployer/cli/command
 * A command is data: its options, a `run` that returns a result, and a `render` for people. `--json` prints
 * the result itself. Tests call `run` without argv; only `main.ts` prints and exits.
 */

export interface OptionSpec {
  flags: string;
  describe: string;
  default?: unknown;
}

export interface Command<R = unknown> {
  name: string;
  /** Positional arguments in cac syntax, e.g. `<job>` or `[id]`. */
  args: string;
  describe: string;
  options: OptionSpec[];
  examples?: string[];
  run(positionals: string[], options: Record<string, unknown>): Promise<R>;
  render(result: R, options: Record<string, unknown>): string;
  /** Exit code for a result that is not a failure by exception (e.g. validate with errors → 2). */
  exitCode?(result: R): number;
  /** Commands that stream their own output (start in the foreground, logs -f) print nothing at the end. */
  quietResult?: boolean;
}

export function defineCommand<R>(command: Command<R>): Command<R> {
  return command;
}

export const JSON_OPTION: OptionSpec = { flags: "--json", describe: "print machine-readable JSON" };
export const BACKEND_OPTION: OptionSpec = {
  flags: "--backend <type>",
  describe: "run every agent on this backend (anthropic, ollama, gemini, offline), e.g. offline to try a mesh without keys",
};
