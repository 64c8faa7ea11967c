import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { debugging, describeFailure, EXIT_INPUT_ERROR, EXIT_USAGE } from './io';

/**
 * invoice-agent CLI (issue 3 and 4 contracts: command and option names are fixed).
 *   extract <file...> [--json] [--text-only]
 *   validate <file...> [--json]
 *   masterdata import <dir> [--aws] [--table <name>]
 * Exit codes: 0 ok; 1 unreadable/unsupported input, a bad master data row or a failed import;
 * 2 wrong usage; 3 `validate --strict` found an invalid invoice. Errors are one line on stderr.
 */

const VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

const EXIT_CODES_HELP = `
Output: one file gives one JSON object (--json); several give JSON Lines with "file", and a file that
fails gives {"file", "error", "code"} while the others are still processed.
Exit codes: 0 ok; 1 unreadable/unsupported input, bad master data rows or a failed import;
2 wrong usage; 3 validate --strict found an invalid invoice. Errors are one line on stderr
(INVOICE_AGENT_DEBUG=1 adds stack traces).`;

export async function main(argv: string[]): Promise<number> {
  // The SDK's multi-line Node 20 notice would break the one-line stderr contract.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  let exitCode = 0;
  const program = new Command('invoice-agent')
    .description('Reads, validates and imports what the invoice agent works with.')
    .version(VERSION)
    .showHelpAfterError('(run invoice-agent --help for usage)')
    .addHelpText('after', EXIT_CODES_HELP)
    .exitOverride();

  program
    .command('extract')
    .description('Read invoices (XRechnung/UBL/CII XML, ZUGFeRD/Factur-X PDF, PDF text, scans via OCR)')
    .argument('<file...>', 'invoice files')
    .option('--json', 'JSON output: one object for one file, JSON Lines with "file" for several')
    .option('--text-only', 'ignore embedded XML and OCR; read only the visible PDF text')
    .option('--full', 'include the whole normalized invoice model as "invoice"')
    .option('--no-ocr', 'never run OCR on scans and images')
    .action(async (files: string[], options) => {
      // Each command's module loads only when it runs: `--version` and `--help` stay fast.
      exitCode = await (await import('./extract')).extractCommand(files, options);
    });

  program
    .command('validate')
    .description('Validate e-invoices against EN 16931 (and XRechnung when the invoice claims it)')
    .argument('<file...>', 'XML e-invoices or ZUGFeRD/Factur-X PDFs')
    .option('--json', 'JSON output: {valid, findings}; JSON Lines with "file" for several')
    .option('--strict', 'exit 3 when any invoice is invalid')
    .action(async (files: string[], options) => {
      exitCode = await (await import('./validate')).validateCommand(files, options);
    });

  const masterdata = program.command('masterdata').description('Master data (vendors, orders, approvers)');
  masterdata
    .command('import')
    .description(
      'Import vendors.csv, purchase-orders.csv, goods-receipts.csv, approvers.csv from <dir> ' +
        '(the local store of DATA_DIR, or --aws)',
    )
    .argument('<dir>', 'directory with the CSV files')
    .option('--aws', 'write to the deployed table (region eu-central-1, default AWS credentials)')
    .option('--table <name>', 'master data table for --aws (default: env MASTER_DATA_TABLE)')
    .option('--json', 'print the summary as JSON')
    .action(async (dir: string, options) => {
      exitCode = await (await import('./masterdata')).masterdataImportCommand(dir, options);
    });

  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end in a CommanderError too, with exit code 0.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    process.stderr.write(`invoice-agent: ${describeFailure(error).error}\n`);
    if (debugging() && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    return EXIT_INPUT_ERROR;
  }
}
