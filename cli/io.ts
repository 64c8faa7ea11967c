import { readFile, stat } from 'node:fs/promises';
import { InvoiceError, LimitExceededError, UnreadableDocumentError } from '../functions/core/errors';

/**
 * The CLI's input/output conventions (issue 3 contract):
 * - one file: one JSON object (pretty) or one human summary; a failure is one line on stderr;
 * - several files: JSON Lines, each with `file`; a failure is `{file, error, code}` on stdout and one
 *   line on stderr, and the other files are still processed;
 * - exit code 0 when every file worked, EXIT_INPUT_ERROR when any did not, never a stack trace.
 */

/** A document could not be read, was unsupported, unsafe or over a cap. */
export const EXIT_INPUT_ERROR = 1;
/** Wrong command line (unknown option, missing argument). */
export const EXIT_USAGE = 2;
/** `validate --strict`: every file was validated, but at least one is not a valid e-invoice. */
export const EXIT_INVALID = 3;

/** Refuse bigger inputs before reading them into memory (the readers have tighter caps of their own). */
export const MAX_INPUT_BYTES = 50 * 1024 * 1024;

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export const processOutput: Output = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Reads one input file; every failure is a typed error with a one-line message. */
export async function readInputFile(path: string): Promise<Uint8Array> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new UnreadableDocumentError(`${path} is a directory, not a file`);
    size = info.size;
  } catch (error) {
    throw fileError(path, error);
  }
  if (size > MAX_INPUT_BYTES)
    throw new LimitExceededError(
      `${path} has ${size} bytes; the CLI reads files up to ${MAX_INPUT_BYTES / 1024 / 1024} MB`,
    );
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw fileError(path, error);
  }
}

function fileError(path: string, error: unknown): InvoiceError {
  if (error instanceof InvoiceError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : oneLine(error instanceof Error ? error.message : String(error));
  return new UnreadableDocumentError(`cannot read ${path}: ${reason}`, { cause: error });
}

/** `Name: message` on one line, bounded; unexpected errors say so instead of dumping a stack. */
export function describeFailure(error: unknown): { error: string; code: string } {
  if (error instanceof InvoiceError)
    return { error: oneLine(`${error.name}: ${error.message}`), code: error.code };
  const message = error instanceof Error ? error.message : String(error);
  return { error: oneLine(`InternalError: ${message}`), code: 'INTERNAL' };
}

export function oneLine(text: string, max = 400): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export type FileOutcome<T> =
  | { file: string; ok: true; value: T }
  | { file: string; ok: false; error: unknown };

/**
 * Runs `work` on each file in order and prints per the contract. Returns the exit code.
 * `render` gives the human summary of one result; `toJson` its JSON object.
 */
export async function forEachFile<T>(
  files: string[],
  work: (file: string, bytes: Uint8Array) => Promise<T>,
  print: {
    json: boolean;
    toJson(value: T): Record<string, unknown>;
    render(file: string, value: T): string;
  },
  output: Output = processOutput,
): Promise<{ exitCode: number; outcomes: FileOutcome<T>[] }> {
  const several = files.length > 1;
  const outcomes: FileOutcome<T>[] = [];
  for (const file of files) {
    let outcome: FileOutcome<T>;
    try {
      outcome = { file, ok: true, value: await work(file, await readInputFile(file)) };
    } catch (error) {
      outcome = { file, ok: false, error };
    }
    outcomes.push(outcome);

    if (!outcome.ok) {
      const failure = describeFailure(outcome.error);
      output.err(`invoice-agent: ${file}: ${failure.error}`);
      if (several && print.json) output.out(JSON.stringify({ file, ...failure }));
      if (debugging() && outcome.error instanceof Error && outcome.error.stack)
        output.err(outcome.error.stack);
      continue;
    }
    if (print.json) {
      const body = print.toJson(outcome.value);
      output.out(several ? JSON.stringify({ file, ...body }) : JSON.stringify(body, null, 2));
    } else {
      output.out(print.render(file, outcome.value));
    }
  }
  return { exitCode: outcomes.some((o) => !o.ok) ? EXIT_INPUT_ERROR : 0, outcomes };
}

/** INVOICE_AGENT_DEBUG=1 adds stack traces on stderr (never by default). */
export function debugging(): boolean {
  return process.env.INVOICE_AGENT_DEBUG === '1';
}
