import { lstat, stat, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { loadDesired } from '../desired/load-desired.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { sanitizeForTerminal as clean } from '../io/sanitize.js';
import { ApiError } from '../live/api-error.js';
import { describeApiError } from '../live/describe-api-error.js';
import { liveAddressOf, matchedByEntries, type LiveRelationshipState, type LiveState } from '../live/live-state.js';
import { readLive } from '../live/read-live.js';
import { servicePeriodOfTerms, type ServicePeriod } from '../model/service-period.js';
import { matchLive } from '../kinds/relationship/match-live.js';
import { periodHistories, periodInForce } from '../kinds/service-period/service-period-history.js';
import { channelApiFromOptions } from './channel-api-from-options.js';
import type { CommandContext, RegisterCommand } from './context.js';
import { globalOptionsOf, type GlobalOptions } from './global-options.js';
import { importYaml } from './import-yaml.js';
import { reportInvalidFiles } from './plan-report.js';
import { createProgressReporter } from './progress-bar.js';

interface ImportFlags {
  out?: string;
  pma?: string[];
  catalog: string;
}

const PMA_IDENTIFIER = /^(arn:[a-z-]+:partnercentral:[a-z0-9-]+:[0-9]{12}:catalog\/[a-zA-Z]+\/program-management-account\/)?pma-[a-z0-9]{13}$/;

/** lstat, not access: a dangling symlink exists too, and writing through it would land somewhere else. */
const exists = (path: string) =>
  lstat(path).then(
    () => true,
    () => false,
  );
const isFolder = (path: string) =>
  stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );

/** Live relationships no entry refers to, one per address: two at one address need a person to choose. */
function importable(ctx: CommandContext, live: readonly LiveRelationshipState[], claimed: ReadonlySet<string>): LiveRelationshipState[] {
  const byAddress = new Map<string, LiveRelationshipState[]>();
  for (const item of live.filter((l) => !claimed.has(l.id))) {
    byAddress.set(liveAddressOf(item), [...(byAddress.get(liveAddressOf(item)) ?? []), item]);
  }
  const chosen: LiveRelationshipState[] = [];
  for (const [address, items] of byAddress) {
    if (items.length === 1) chosen.push(items[0] as LiveRelationshipState);
    else
      ctx.sink.err(
        `pcc import: skipped ${clean(address)}: ${items.length} live relationships have it (${items.map((i) => clean(i.id)).join(', ')}); declare one by hand with an id pin\n`,
      );
  }
  return chosen;
}

async function runImport(ctx: CommandContext, flags: ImportFlags, globals: GlobalOptions): Promise<number> {
  const loaded = await loadDesired({ dir: globals.dir, cwd: ctx.cwd });
  ctx.reporter.problems(loaded.diagnostics);
  if (hasErrors(loaded.diagnostics)) {
    reportInvalidFiles(ctx, loaded.diagnostics);
    return 1;
  }
  const bad = (flags.pma ?? []).find((pma) => !PMA_IDENTIFIER.test(pma));
  if (bad !== undefined) {
    ctx.sink.err(`pcc import: --pma ${JSON.stringify(clean(bad))} is not a PMA id (pma-…) or ARN\n`);
    return 1;
  }
  const extraScopes = (flags.pma ?? []).map((pmaId) => ({ catalog: flags.catalog, pmaId }));
  // scopes holds every PMA the files name, a document's defaults over an empty list included.
  if (loaded.desired.scopes.length === 0 && loaded.desired.relationships.length === 0 && extraScopes.length === 0) {
    ctx.sink.err('pcc import: no PMA to read: name one with --pma, or in a file (`relationships: []` is enough)\n');
    return 1;
  }
  const outPath = flags.out === undefined ? undefined : resolve(ctx.cwd, flags.out);
  if (outPath !== undefined && (await exists(outPath))) {
    ctx.sink.err(`pcc import: ${JSON.stringify(clean(flags.out ?? ''))} already exists: choose a new file (import never overwrites)\n`);
    return 1;
  }
  if (outPath !== undefined && !(await isFolder(dirname(outPath)))) {
    ctx.sink.err(
      `pcc import: cannot write ${JSON.stringify(clean(flags.out ?? ''))}: the folder ${JSON.stringify(clean(dirname(flags.out ?? '')))} does not exist; create it first\n`,
    );
    return 1;
  }

  const api = await channelApiFromOptions(globals, ctx);
  const progress = createProgressReporter(ctx.sink);
  let items: LiveRelationshipState[];
  let periods: Map<string, ServicePeriod>;
  try {
    // What no entry declares is what import writes out: for those, resaleAccountModel (only GetRelationship
    // returns it) and the accepted service period. A relationship deleted meanwhile is dropped by readLive.
    const declared = matchedByEntries(loaded.desired.relationships, () => true);
    const undeclared = (live: Parameters<typeof declared>[0]) => !declared(live);
    const live = await readLive(api, loaded.desired, {
      concurrency: globals.parallelism,
      extraScopes,
      detailsOf: undeclared,
      servicePeriodsOf: undeclared,
      servicePeriodsOptional: true,
      onProgress: ({ done, total }) => progress.update('Reading live relationships', done, total),
    });
    const { claimed } = matchLive(loaded.desired.relationships, live.relationships);
    items = importable(ctx, live.relationships, claimed);
    periods = periodsInForce(live);
    if (live.servicePeriodsDenied) {
      ctx.sink.err('pcc import: service periods were not read (no permission for partnercentral:ListChannelHandshakes); entries have no servicePeriod\n');
    }
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    progress.stop();
    ctx.sink.err(`pcc import: cannot read the live state: ${describeApiError(error)}\n`);
    return 1;
  } finally {
    progress.stop();
    api.destroy();
  }

  if (items.length === 0) {
    ctx.sink.err('Nothing to import: every live relationship in the PMAs read is declared in a file.\n');
    return 0;
  }
  const schema = resolve(ctx.cwd, 'schema', 'relationships.schema.json');
  const schemaPath = relative(outPath ? dirname(outPath) : resolve(ctx.cwd, globals.dir), schema)
    .split(sep)
    .join('/');
  const text = importYaml(items, schemaPath, periods);
  if (outPath === undefined) ctx.sink.out(text);
  else {
    try {
      await writeFile(outPath, text, { encoding: 'utf8', flag: 'wx' });
    } catch (error) {
      ctx.sink.err(`pcc import: cannot write ${JSON.stringify(clean(flags.out ?? ''))} (${clean((error as NodeJS.ErrnoException).code ?? String(error))})\n`);
      return 1;
    }
  }
  const where = flags.out === undefined ? '' : ` to ${JSON.stringify(clean(flags.out))}`;
  ctx.sink.err(
    `Imported ${items.length} relationship${items.length === 1 ? '' : 's'}${where}: review, then \`pcc plan\` shows ${items.length === 1 ? 'it' : 'them'} as adopt.\n`,
  );
  return 0;
}

/**
 * The service period in force of each relationship, by relationship id, as a file declares it: the latest
 * accepted request unless a revoke of it was accepted. A later pending, rejected or expired request does not
 * change it (writing none would make `--revoke` revoke it; writing a revoked one would request it again).
 */
function periodsInForce(live: LiveState): Map<string, ServicePeriod> {
  const periods = new Map<string, ServicePeriod>();
  for (const [relationshipId, history] of periodHistories(live)) {
    const inForce = periodInForce(history);
    const period = inForce ? servicePeriodOfTerms(inForce.terms) : undefined;
    if (period) periods.set(relationshipId, period);
  }
  return periods;
}

export const registerImport: RegisterCommand = (program, ctx) => {
  program
    .command('import')
    .description('write YAML for live relationships that no file declares')
    .option('--out <file>', 'write to this new file instead of stdout (never overwrites)')
    .option('--pma <ids...>', 'also read these PMAs (ids or ARNs), besides those the files name')
    .option('--catalog <catalog>', 'the catalog of the --pma PMAs', 'AWS')
    .action(async (flags: ImportFlags, command) => {
      ctx.setExitCode(await runImport(ctx, flags, globalOptionsOf(command)));
    });
};
