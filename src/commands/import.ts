import { lstat, stat, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { loadDesired } from '../desired/load-desired.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { sanitizeForTerminal as clean } from '../io/sanitize.js';
import { ApiError } from '../live/api-error.js';
import { describeApiError } from '../live/describe-api-error.js';
import { KINDS, type KindReadOptions } from '../kinds/registry.js';
import { readLive } from '../live/read-live.js';
import { channelApiFromOptions } from './channel-api-from-options.js';
import type { CommandContext, RegisterCommand } from './context.js';
import { globalOptionsOf, type GlobalOptions } from './global-options.js';
import { emptyDraft, importYaml } from './import-yaml.js';
import type { ImportInput, ImportSelection, KindImporter } from './kind-importer.js';
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
  // scopes holds every PMA the files name (every entry's too), a document's defaults over an empty list included.
  if (loaded.desired.scopes.length === 0 && extraScopes.length === 0) {
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
  const input: ImportInput = { desired: loaded.desired, extraScopes };
  // What each kind imports, as entries of its own: its words for the progress and the summary.
  const nouns = KINDS.flatMap(({ importer }) => (importer.noun ? [importer.noun] : []));
  let chosen: { noun?: KindImporter['noun']; selection: ImportSelection }[];
  try {
    // What no entry declares is what import writes out: each kind says what it needs read of those.
    const live = await readLive(api, loaded.desired, {
      ...KINDS.reduce<Partial<KindReadOptions>>((options, { importer }) => ({ ...options, ...importer.readOptions(input) }), {}),
      concurrency: globals.parallelism,
      onProgress: ({ done, total }) => progress.update(`Reading live ${nouns.map((noun) => noun.many).join(' and ')}`, done, total),
    });
    chosen = KINDS.map(({ importer }) => ({ noun: importer.noun, selection: importer.select(loaded.desired, live) }));
    for (const note of chosen.flatMap(({ selection }) => selection.notes)) ctx.sink.err(note);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    progress.stop();
    ctx.sink.err(`pcc import: cannot read the live state: ${describeApiError(error)}\n`);
    return 1;
  } finally {
    progress.stop();
    api.destroy();
  }

  const counts = chosen.flatMap(({ noun, selection: { count } }) => (noun && count > 0 ? [{ noun, count }] : []));
  const total = counts.reduce((sum, { count }) => sum + count, 0);
  if (total === 0) {
    ctx.sink.err(`Nothing to import: every live ${nouns.map((noun) => noun.one).join(' or ')} in the PMAs read is declared in a file.\n`);
    return 0;
  }
  const schema = resolve(ctx.cwd, 'schema', 'relationships.schema.json');
  const schemaPath = relative(outPath ? dirname(outPath) : resolve(ctx.cwd, globals.dir), schema)
    .split(sep)
    .join('/');
  const draft = emptyDraft();
  for (const { selection } of chosen) selection.write(draft);
  const text = importYaml(draft, schemaPath);
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
  const imported = counts.map(({ noun, count }) => `${count} ${count === 1 ? noun.one : noun.many}`).join(' and ');
  ctx.sink.err(`Imported ${imported}${where}: review, then \`pcc plan\` shows ${total === 1 ? 'it' : 'them'} as adopt.\n`);
  return 0;
}

export const registerImport: RegisterCommand = (program, ctx) => {
  program
    .command('import')
    .description(`write YAML for live ${KINDS.flatMap(({ importer }) => (importer.noun ? [importer.noun.many] : [])).join(' and ')} that no file declares`)
    .option('--out <file>', 'write to this new file instead of stdout (never overwrites)')
    .option('--pma <ids...>', 'also read these PMAs (ids or ARNs), besides those the files name')
    .option('--catalog <catalog>', 'the catalog of the --pma PMAs', 'AWS')
    .action(async (flags: ImportFlags, command) => {
      ctx.setExitCode(await runImport(ctx, flags, globalOptionsOf(command)));
    });
};
