/**
 * `pcc pmas [--catalog AWS|Sandbox] [--format text|json]`: the program management accounts these credentials
 * can see, so that a user can find the `pma-…` ids to put in the files, and which of them pcc manages (tagged
 * `pcc:managed=true`). Reads only (ListProgramManagementAccounts, ListTagsForResource on each PMA's ARN).
 * Text: a table on stdout. JSON: `{programManagementAccounts: (LivePma & {managed: boolean | null})[]}` on stdout,
 * `managed` null where the tags could not be read. Exit 1 if a catalog could not be listed or a PMA's tags could
 * not be read (everything else is still shown, and stderr says what failed).
 */
import { Option } from 'commander';
import { sanitizeForTerminal } from '../io/sanitize.js';
import { ApiError, type ApiErrorCategory } from '../live/api-error.js';
import { describeApiError } from '../live/describe-api-error.js';
import type { ChannelApi } from '../live/channel-api.js';
import { CATALOGS, type LivePma, type PmaDirectory } from '../live/program-management-accounts.js';
import { MANAGED_TAG, MANAGED_TAG_VALUE } from '../model/ownership-tags.js';
import { stringifyJson } from '../render/render-json.js';
import { channelApiFromOptions } from './channel-api-from-options.js';
import type { CommandContext, RegisterCommand } from './context.js';
import { globalOptionsOf, type GlobalOptions } from './global-options.js';

interface PmasFlags {
  catalog?: string;
  format: 'text' | 'json';
}

/** A listed PMA and whether pcc manages it: null when its tags could not be read (stderr says why). */
export type ListedPma = LivePma & { managed: boolean | null };

const MANAGED_WORDS = new Map<boolean | null, string>([
  [true, 'yes'],
  [false, 'no'],
  [null, '?'],
]);

const COLUMNS: readonly [string, (pma: ListedPma) => string][] = [
  ['ID', (pma) => pma.id ?? '?'],
  ['CATALOG', (pma) => pma.catalog],
  ['STATUS', (pma) => pma.status ?? ''],
  ['PROGRAM', (pma) => pma.program ?? ''],
  ['ACCOUNT', (pma) => pma.accountId ?? ''],
  ['MANAGED', (pma) => MANAGED_WORDS.get(pma.managed) ?? '?'],
  ['DISPLAY NAME', (pma) => pma.displayName ?? ''],
];

const ACCOUNT_WIDE: ReadonlySet<ApiErrorCategory> = new Set<ApiErrorCategory>(['credentials', 'network']);

/** A plain aligned table; every cell sanitised (the values come from the service). */
export function formatPmaTable(pmas: readonly ListedPma[]): string {
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

/**
 * Whether pcc manages each PMA, from its tags (only the exact value `true` marks ownership, as for relationships),
 * and what could not be read: a PMA without an ARN in the answer, or whose ListTagsForResource failed, is `null`,
 * and each failure is said once for all the PMAs it hit.
 */
export async function markManaged(api: Pick<ChannelApi, 'listTags'>, pmas: readonly LivePma[]): Promise<{ listed: ListedPma[]; problems: string[] }> {
  const read = await Promise.all(
    pmas.map(async (pma): Promise<{ pma: ListedPma; failure?: string }> => {
      if (pma.arn === undefined) return { pma: { ...pma, managed: null }, failure: 'the service gave no ARN for it' };
      try {
        return { pma: { ...pma, managed: (await api.listTags(pma.arn))[MANAGED_TAG] === MANAGED_TAG_VALUE } };
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        return { pma: { ...pma, managed: null }, failure: describeApiError(error) };
      }
    }),
  );
  // One line per cause, in the order the PMAs were listed.
  const failures = new Map<string, string[]>();
  for (const { pma, failure } of read) if (failure !== undefined) failures.set(failure, [...(failures.get(failure) ?? []), pma.id ?? '?']);
  const problems = [...failures].map(
    ([reason, ids]) =>
      `pcc: cannot tell whether pcc manages ${ids.map((id) => sanitizeForTerminal(id)).join(', ')} (MANAGED ?): cannot read ${ids.length === 1 ? 'its' : 'their'} tags: ${sanitizeForTerminal(reason)}\n`,
  );
  return { listed: read.map(({ pma }) => pma), problems };
}

/** Every PMA of the catalogs, and whether a catalog could not be listed (said on stderr). */
async function listCatalogs(ctx: CommandContext, api: PmaDirectory, catalogs: readonly string[]): Promise<{ found: LivePma[]; failed: boolean }> {
  const found: LivePma[] = [];
  let failed = false;
  for (const catalog of catalogs) {
    try {
      found.push(...(await api.listProgramManagementAccounts(catalog)));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      failed = true;
      // No credentials, or no connection: no catalog can be listed, so it is said once, for none in particular.
      if (ACCOUNT_WIDE.has(error.category)) {
        ctx.sink.err(`pcc: cannot list program management accounts: ${describeApiError(error)}\n`);
        break;
      }
      ctx.sink.err(`pcc: cannot list the ${catalog} catalog's program management accounts: ${describeApiError(error)}\n`);
    }
  }
  return { found, failed };
}

async function runPmas(ctx: CommandContext, flags: PmasFlags, globals: GlobalOptions): Promise<number> {
  const api = await channelApiFromOptions(globals, ctx);
  let failed: boolean;
  let marked: Awaited<ReturnType<typeof markManaged>>;
  try {
    const listing = await listCatalogs(ctx, api, flags.catalog ? [flags.catalog] : CATALOGS);
    failed = listing.failed;
    marked = await markManaged(api, listing.found);
  } finally {
    api.destroy();
  }
  const { listed, problems } = marked;
  for (const problem of problems) ctx.sink.err(problem);
  const exitCode = failed || problems.length > 0 ? 1 : 0;
  if (flags.format === 'json') {
    ctx.sink.out(stringifyJson({ programManagementAccounts: listed }));
  } else if (listed.length > 0) {
    ctx.sink.out(formatPmaTable(listed));
    ctx.sink.err('Put an ID in your files as programManagementAccountIdentifier, with its CATALOG as catalog. MANAGED yes: pcc manages it (tagged pcc:managed=true).\n');
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
    .description('list the program management accounts (pma-… ids) these credentials can see, and which pcc manages (tagged pcc:managed=true)')
    .addOption(new Option('--catalog <catalog>', 'only this catalog (default: AWS and Sandbox)').choices([...CATALOGS]))
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (flags: PmasFlags, command) => {
      ctx.setExitCode(await runPmas(ctx, flags, globalOptionsOf(command)));
    });
};
