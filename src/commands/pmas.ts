/**
 * `pcc pmas [--catalog AWS|Sandbox] [--format text|json]`: the program management accounts these credentials
 * can see, so that a user can find the `pma-…` ids to put in the files. Reads only (ListProgramManagementAccounts).
 * Text: a table on stdout. JSON: `{programManagementAccounts: LivePma[]}` on stdout. Exit 1 if a catalog
 * could not be listed (the others are still shown).
 */
import { Option } from 'commander';
import { sanitizeForTerminal } from '../io/sanitize.js';
import { ApiError, type ApiErrorCategory } from '../live/api-error.js';
import { describeApiError } from '../live/describe-api-error.js';
import { CATALOGS, type LivePma } from '../live/program-management-accounts.js';
import { stringifyJson } from '../render/render-json.js';
import { channelApiFromOptions } from './channel-api-from-options.js';
import type { CommandContext, RegisterCommand } from './context.js';
import { globalOptionsOf, type GlobalOptions } from './global-options.js';

interface PmasFlags {
  catalog?: string;
  format: 'text' | 'json';
}

const COLUMNS: readonly [string, (pma: LivePma) => string][] = [
  ['ID', (pma) => pma.id ?? '?'],
  ['CATALOG', (pma) => pma.catalog],
  ['STATUS', (pma) => pma.status ?? ''],
  ['PROGRAM', (pma) => pma.program ?? ''],
  ['ACCOUNT', (pma) => pma.accountId ?? ''],
  ['DISPLAY NAME', (pma) => pma.displayName ?? ''],
];

const ACCOUNT_WIDE: ReadonlySet<ApiErrorCategory> = new Set<ApiErrorCategory>(['credentials', 'network']);

/** A plain aligned table; every cell sanitised (the values come from the service). */
export function formatPmaTable(pmas: readonly LivePma[]): string {
  const rows = [COLUMNS.map(([title]) => title), ...pmas.map((pma) => COLUMNS.map(([, cell]) => sanitizeForTerminal(cell(pma))))];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return (
    rows
      .map((row) =>
        row
          .map((cell, i) => cell.padEnd(widths[i]!))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

async function runPmas(ctx: CommandContext, flags: PmasFlags, globals: GlobalOptions): Promise<number> {
  const api = await channelApiFromOptions(globals, ctx);
  const found: LivePma[] = [];
  let exitCode = 0;
  try {
    for (const catalog of flags.catalog ? [flags.catalog] : CATALOGS) {
      try {
        found.push(...(await api.listProgramManagementAccounts(catalog)));
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        exitCode = 1;
        // No credentials, or no connection: no catalog can be listed, so it is said once, for none in particular.
        if (ACCOUNT_WIDE.has(error.category)) {
          ctx.sink.err(`pcc: cannot list program management accounts: ${describeApiError(error)}\n`);
          break;
        }
        ctx.sink.err(`pcc: cannot list the ${catalog} catalog's program management accounts: ${describeApiError(error)}\n`);
      }
    }
  } finally {
    api.destroy();
  }
  if (flags.format === 'json') {
    ctx.sink.out(stringifyJson({ programManagementAccounts: found }));
  } else if (found.length > 0) {
    ctx.sink.out(formatPmaTable(found));
    ctx.sink.err('Put an ID in your files as programManagementAccountIdentifier, with its CATALOG as catalog.\n');
  } else if (exitCode === 0 && api.servedByEmulator) {
    ctx.sink.err(
      'No program management accounts: this endpoint is the pcc emulator, and it holds none. Start it again with --pma pma-rehearsal0001 ' +
        '(any pma- and 13 lower-case letters or digits), or in a repository whose relationship files name one, or with --auto-create-pmas.\n',
    );
  } else if (exitCode === 0) {
    ctx.sink.err('No program management accounts found for these credentials. Check --profile and that the account is enrolled in the Channel program.\n');
  }
  return exitCode;
}

export const registerPmas: RegisterCommand = (program, ctx) => {
  program
    .command('pmas')
    .description('list the program management accounts (pma-… ids) these credentials can see')
    .addOption(new Option('--catalog <catalog>', 'only this catalog (default: AWS and Sandbox)').choices([...CATALOGS]))
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (flags: PmasFlags, command) => {
      ctx.setExitCode(await runPmas(ctx, flags, globalOptionsOf(command)));
    });
};
