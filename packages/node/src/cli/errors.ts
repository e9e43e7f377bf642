import { ConvBertError } from '@convbert/config';

/** A mistake in how the CLI was called: printed as one line, exit code 2. */
export class CliUsageError extends ConvBertError<'CLI_USAGE'> {
  override readonly name = 'CliUsageError';
  constructor(message: string) {
    super('CLI_USAGE', message);
  }
}

/**
 * One input that failed (a JSON Lines record, a positional text): exit code 1. The message says
 * where it came from; `code` is the library error's (kept as `cause`), or `CLI_INPUT` for a
 * record the CLI itself refused.
 */
export class CliInputError extends ConvBertError {
  override readonly name = 'CliInputError';
  constructor(message: string, cause?: unknown) {
    const code = (cause as { code?: unknown } | null | undefined)?.code;
    super(typeof code === 'string' ? code : 'CLI_INPUT', message, { cause });
  }
}

/** Every cause of an error, outermost first (`err.cause`, its cause, ...). */
function causes(err: unknown): unknown[] {
  const out: unknown[] = [];
  let c = (err as { cause?: unknown } | null)?.cause;
  while (c !== undefined && c !== null && out.length < 8) {
    out.push(c);
    c = (c as { cause?: unknown }).cause;
  }
  return out;
}

/**
 * One line for a person: the error's code (when the library gave one) and message. With
 * `--debug`, the stack trace and the chain of causes (what the network layer said, say).
 */
export function formatError(err: unknown, debug: boolean): string {
  if (debug && err instanceof Error && err.stack) {
    const chain = causes(err).map((c) => {
      const code = (c as { code?: unknown }).code;
      const text = c instanceof Error ? (c.stack ?? c.message) : String(c);
      return `caused by${typeof code === 'string' ? ` [${code}]` : ''}: ${text}`;
    });
    return [err.stack, ...chain].join('\n');
  }
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    const first = err.message.split('\n')[0];
    return typeof code === 'string' ? `convbert: ${first} [${code}]` : `convbert: ${first}`;
  }
  return `convbert: ${String(err)}`;
}
