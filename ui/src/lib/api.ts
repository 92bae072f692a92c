/**
 * Calling the Rust commands: the generated bindings answer `{status, data | error}`; screens
 * want the value or a thrown {@link CommandError} they can branch on by `code`.
 */
import type { AppError } from "../bindings";

/** A command's failure, carrying the structured {@link AppError} the shell sent. */
export class CommandError extends Error {
  readonly error: AppError;

  constructor(error: AppError) {
    super(error.message);
    this.name = "CommandError";
    this.error = error;
  }
}

type CommandResult<T> = { status: "ok"; data: T } | { status: "error"; error: AppError };

/** The command's value; its `AppError` thrown as a {@link CommandError}. */
export async function unwrap<T>(result: Promise<CommandResult<T>>): Promise<T> {
  const answer = await result;
  if (answer.status === "error") {
    throw new CommandError(answer.error);
  }
  return answer.data;
}

/**
 * The `AppError` behind any thrown value: a command's own, or an internal one wrapping an
 * unexpected exception (a bug or a lost IPC connection), so screens handle one shape.
 */
export function appError(thrown: unknown): AppError {
  if (thrown instanceof CommandError) {
    return thrown.error;
  }
  return {
    code: "internal",
    message: "Something went wrong inside Planeswalker.",
    detail: thrown instanceof Error ? thrown.message : String(thrown),
    suggestions: [],
    span: null,
  };
}
