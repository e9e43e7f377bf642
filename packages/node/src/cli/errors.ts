/** A mistake in how the CLI was called: printed as one line, exit code 2. */
export class CliUsageError extends Error {
  readonly code = 'CLI_USAGE';
  override readonly name = 'CliUsageError';
}

/**
 * One line for a person: the error's code (when the library gave one) and message. The stack
 * trace only with `--debug`.
 */
export function formatError(err: unknown, debug: boolean): string {
  if (debug && err instanceof Error && err.stack) return err.stack;
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    const first = err.message.split('\n')[0];
    return typeof code === 'string' ? `convbert: ${first} [${code}]` : `convbert: ${first}`;
  }
  return `convbert: ${String(err)}`;
}
