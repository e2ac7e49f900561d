/**
 * @module deployer/errors
 * The ways a command fails: the user's input is invalid (exit 2), the user must do something (exit 1),
 * or we have a bug (exit 1, with a stack and a plea to report it). The CLI's single catch maps them.
 */
import type { Diagnostic } from "./job/diagnostics";

/** Something the user can fix; `message` says what and how. */
export class UserError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = "UserError";
  }
}

/** The job file is invalid; carries every diagnostic. Exit code 2, nothing started or written. */
export class JobInvalidError extends UserError {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(`job file has ${diagnostics.filter((d) => d.severity === "error").length} error(s)`, 2);
    this.name = "JobInvalidError";
  }
}

/** The user interrupted (Ctrl-C) and what was under way was undone. Exit code 130 (128 + SIGINT), as shells report it. */
export class InterruptedError extends UserError {
  static readonly exitCode = 130;
  constructor() {
    super("interrupted", InterruptedError.exitCode);
    this.name = "InterruptedError";
  }
}

/** Bad command-line usage (unknown flag, missing argument). Exit code 2. */
export class UsageError extends UserError {
  constructor(message: string) {
    super(message, 2);
    this.name = "UsageError";
  }
}
