/**
 * @module deployer/cli/main
 * `ade`: parses argv, runs one command, prints its result (text or --json) and exits. The ONLY place that
 * catches errors and picks exit codes: 2 for an invalid job or bad usage, 1 for other user errors and bugs.
 */
import { cac } from "cac";
import { JobInvalidError, UsageError, UserError } from "../errors";
import type { Command } from "./command";
import { COMMANDS } from "./commands/index";
import { color } from "./format";
import { countLine, renderDiagnostics } from "./render-diagnostics";

const VERSION = "0.1.0";

export async function main(argv: string[]): Promise<number> {
  // Only the command being run is loaded (its imports can be heavy); help without a command lists them all.
  const named = argv[0] !== undefined && Object.hasOwn(COMMANDS, argv[0]) ? [COMMANDS[argv[0]]!] : Object.values(COMMANDS);
  const commands = await Promise.all(named.map(async (load) => (await load()).default));
  const cli = cac("ade");
  let chosen: { command: Command; positionals: string[]; options: Record<string, unknown> } | undefined;
  for (const command of commands) {
    const c = cli.command(`${command.name} ${command.args}`.trim(), command.describe);
    for (const o of command.options) c.option(o.flags, o.describe, o.default !== undefined ? { default: o.default } : undefined);
    for (const e of command.examples ?? []) c.example(e);
    c.action((...args: unknown[]) => {
      const options = args.pop() as Record<string, unknown>;
      const positionals = args.flat().filter((a): a is string => typeof a === "string");
      chosen = { command, positionals, options };
    });
  }
  cli.help();
  cli.version(VERSION);
  try {
    const parsed = cli.parse(["node", "ade", ...argv], { run: false });
    if (parsed.options.help || parsed.options.version) return 0;
    if (!cli.matchedCommand) {
      if (cli.args.length) throw new UsageError(`unknown command "${cli.args[0]}"; run \`ade --help\` for the list`);
      cli.outputHelp();
      return 0;
    }
    checkUnknownOptions(cli.matchedCommand.options.map((o) => o.names).flat(), parsed.options);
    await cli.runMatchedCommand();
    if (!chosen) return 0;
    const { command, positionals, options } = chosen;
    const result = await command.run(positionals, options);
    // `--format json` (the seed's spelling for plan) is `--json`.
    const asJson = Boolean(options.json) || options.format === "json";
    if (!command.quietResult) print(asJson ? JSON.stringify(result, null, 2) : command.render(result, options));
    return command.exitCode?.(result) ?? 0;
  } catch (err) {
    return report(err, argv.includes("--json"));
  }
}

function checkUnknownOptions(known: string[], given: Record<string, unknown>): void {
  const allowed = new Set([...known, "--", "help", "h", "version", "v"]);
  for (const key of Object.keys(given)) {
    if (!allowed.has(key)) throw new UsageError(`unknown option --${key.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase())}; run \`ade <command> --help\` for the options`);
  }
}

function report(err: unknown, json: boolean): number {
  if (err instanceof JobInvalidError) {
    if (json) print(JSON.stringify({ ok: false, diagnostics: err.diagnostics }, null, 2));
    else printErr(`${renderDiagnostics(err.diagnostics)}\n${color.red("✗")} ${countLine(err.diagnostics)}: nothing was started or written`);
    return 2;
  }
  if (err instanceof UserError || (err as { name?: string })?.name === "CACError") {
    const exit = err instanceof UserError ? err.exitCode : 2;
    if (json) print(JSON.stringify({ ok: false, error: (err as Error).message }, null, 2));
    else printErr(`${color.red("error:")} ${(err as Error).message}`);
    return exit;
  }
  printErr(`${color.red("internal error:")} ${(err as Error)?.stack ?? String(err)}\nThis is a bug in ade; please report it with the command you ran.`);
  return 1;
}

function print(text: string): void {
  if (text) process.stdout.write(text.endsWith("\n") ? text : text + "\n");
}

function printErr(text: string): void {
  process.stderr.write(text.endsWith("\n") ? text : text + "\n");
}
