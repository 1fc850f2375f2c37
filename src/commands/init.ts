/**
 * `pcc init [--pma ID | --program P --pma-account ID] [--catalog AWS|Sandbox] [--account ID] [--repo OWNER/NAME]
 * [--branch NAME]`: sets up a repository for pcc in the working directory (see src/init/init-files.ts for what it
 * writes). It never overwrites a file: one that exists is kept and said so. The report and the next steps go to stderr.
 */
import { lstat, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { InvalidArgumentError, Option } from 'commander';
import { branchNameProblem } from '../init/branch-name.js';
import { ACTION_COPY, ACTION_VERSION_FILE } from '../init/github-files.js';
import { IAM_FILES, initFiles, WORKFLOWS_DIR, type InitFile, type InitOptions } from '../init/init-files.js';
import { pccCommand } from '../init/pcc-command.js';
import { InitWriteFailed, UnsafeInitPaths, writeNewFiles, type WriteResult } from '../init/write-new-files.js';
import { pccVersion } from '../io/pcc-version.js';
import { readShippedFile, ShippedFileMissing } from '../io/shipped-files.js';
import { sanitizeForTerminal } from '../io/sanitize.js';
import { PMA_FILE, pmaNameOf } from '../init/pma-declaration.js';
import { CATALOGS } from '../live/program-management-accounts.js';
import { PMA_PROGRAMS, pmaAddressOf } from '../kinds/program-management-account/pma-address.js';
import { loadDesired } from '../desired/load-desired.js';
import type { CommandContext, RegisterCommand } from './context.js';
import { globalOptionsOf } from './global-options.js';

interface InitFlags {
  pma?: string;
  program?: string;
  pmaAccount?: string;
  catalog: string;
  account?: string;
  repo?: string;
  branch: string;
}

/** Service model: ProgramManagementAccountIdentifier (a pma- id, or its ARN). */
function pmaIdentifier(value: string): string {
  if (!/^(pma-[a-z0-9]{13}|arn:aws:partnercentral:[a-z0-9-]*:[0-9]{12}:catalog\/[a-zA-Z]+\/program-management-account\/pma-[a-z0-9]{13})$/.test(value)) {
    throw new InvalidArgumentError('expected pma- and 13 lowercase letters or digits (pcc pmas lists yours), or a PMA ARN');
  }
  return value;
}

function accountId(value: string): string {
  if (!/^[0-9]{12}$/.test(value)) throw new InvalidArgumentError('expected the 12-digit AWS account id');
  return value;
}

/** GitHub's owner/name: letters, digits, `-`, `_` and `.`. */
function repository(value: string): string {
  if (!/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/.test(value)) throw new InvalidArgumentError('expected OWNER/NAME, e.g. acme/channel-relationships');
  return value;
}

/** A branch name as git accepts it; init writes it into the workflows (quoted as YAML needs) and the IAM policies. */
function branchName(value: string): string {
  const problem = branchNameProblem(value);
  if (problem !== undefined) throw new InvalidArgumentError(`git refuses this branch name: ${problem}; give the name of the branch pull requests merge into`);
  return value;
}

/** The two flags that declare a PMA come together, and never with `--pma` (which names an existing one); else why not. */
function pmaFlagsProblem(flags: InitFlags): string | undefined {
  if ((flags.program === undefined) !== (flags.pmaAccount === undefined)) {
    return flags.program === undefined
      ? '--pma-account needs --program: give the program of the PMA to declare (SOLUTION_PROVIDER, DISTRIBUTION or DISTRIBUTION_SELLER)'
      : '--program needs --pma-account: give the 12-digit management account of the PMA to declare';
  }
  if (flags.pma !== undefined && flags.program !== undefined) {
    return '--pma names an existing program management account; --program with --pma-account declares one for pcc to create: give one or the other';
  }
  return undefined;
}

/** `--dir` as a relative folder inside the working directory, or undefined when it leads out of it. */
function folderInside(dir: string): string | undefined {
  if (posix.isAbsolute(dir)) return undefined;
  const normal = posix.normalize(dir).replace(/\/+$/, '');
  return normal === '..' || normal.startsWith('../') ? undefined : normal;
}

function report(ctx: CommandContext, results: readonly WriteResult[]): void {
  for (const { path, wrote, appended } of results) {
    const line = wrote
      ? `  created ${path}`
      : appended === undefined
        ? `  kept    ${path} (it exists; init never overwrites)`
        : appended.length > 0
          ? `  added   ${appended.join(' ')} to ${path} (its own lines are kept)`
          : `  kept    ${path} (it has pcc's lines)`;
    ctx.sink.err(sanitizeForTerminal(line) + '\n');
  }
}

/**
 * When the folder holds an action copy already: it is kept whole (never a mix of two versions' files), and what is
 * said about it — its pcc version (its VERSION file) and, when that is not this one, how to upgrade.
 */
async function existingActionCopy(ctx: CommandContext, version: string): Promise<string[] | undefined> {
  const present = await lstat(join(ctx.cwd, ...ACTION_COPY.split('/'))).then(Boolean, () => false);
  if (!present) return undefined;
  const vendored = (await readFile(join(ctx.cwd, ...ACTION_VERSION_FILE.split('/')), 'utf8').catch(() => undefined))?.trim();
  const known = vendored !== undefined && /^[0-9A-Za-z.+-]{1,64}$/.test(vendored);
  const kept = `  kept    ${ACTION_COPY}/ (${known ? `the action of pcc ${vendored}` : 'an action copy of unknown version, no VERSION file'}; init never overwrites)`;
  if (known && vendored === version) return [kept];
  return [kept, `pcc init: this is pcc ${version}; to upgrade the action copy, delete ${ACTION_COPY} and run pcc init again.`];
}

/** The files, or undefined after saying why they cannot be had (this build of pcc does not ship them). */
function filesToWrite(ctx: CommandContext, options: InitOptions): InitFile[] | undefined {
  try {
    return initFiles(options, readShippedFile);
  } catch (error) {
    if (!(error instanceof ShippedFileMissing)) throw error;
    ctx.sink.err(`pcc init: ${error.message}\n`);
    return undefined;
  }
}

/**
 * Why the PMA `--program`/`--pma-account` asks for cannot be declared in `options.dir` as it is (undefined: it can):
 * the folder's files declare it already (its address or init's name for it), or init's declaration file exists
 * (init never overwrites) without it. Files that do not load are left to validate.
 */
async function pmaDeclarationProblem(ctx: CommandContext, options: InitOptions): Promise<string | undefined> {
  const asked = options.declarePma;
  if (asked === undefined) return undefined;
  const { desired } = await loadDesired({ dir: options.dir, cwd: ctx.cwd });
  const address = pmaAddressOf(options.catalog, asked.program, asked.accountId);
  const name = pmaNameOf(asked);
  const there = desired.programManagementAccounts.find((pma) => pma.address === address || pma.name === name);
  if (there) {
    const at = `${there.source.file}:${there.source.line}:${there.source.column}`;
    return there.address === address
      ? `${at} declares ${address} already (named ${there.name}): name it in relationship files with programManagementAccount: ${there.name}, or run init without --program`
      : `${at} declares another program management account named ${name}: rename it, or run init without --program`;
  }
  const file = `${options.dir}/${PMA_FILE}`;
  const kept = await lstat(join(ctx.cwd, file)).then(
    () => true,
    () => false,
  );
  return kept ? `${file} exists (init never overwrites) and does not declare ${address}: add it there yourself` : undefined;
}

function nextSteps(options: InitOptions): string {
  const declared = options.declarePma;
  const steps = [
    ...(declared
      ? [
          `\`${pccCommand(options.dir, 'plan')}\` shows the program management account ${pmaNameOf(declared)} to create; \`${pccCommand(options.dir, 'apply')}\` creates it and sends account ${declared.accountId} an invitation: once that account accepts it in Partner Central, the PMA is ACTIVE and the relationships under it are created by the next apply (until then they wait)`,
        ]
      : []),
    ...(options.pma || declared
      ? []
      : [
          'find your program management account ids with `pcc pmas` and put one in example.yaml (to rehearse first: `pcc emulator --pma pma-rehearsal0001`, then use that id)',
        ]),
    `declare relationships in ${options.dir}/ (or take over existing ones: \`${pccCommand(options.dir, 'import', '--out', `${options.dir}/imported.yaml`)}\`), then \`${pccCommand(options.dir, 'validate')}\` and \`${pccCommand(options.dir, 'plan')}\``,
    `create the IAM roles from iam/ (docs/iam/README.md in the pcc package says which is which)${options.account && options.repo ? '' : '; fill in ACCOUNT_ID and OWNER/REPO first'}`,
    ...(options.dir === WORKFLOWS_DIR
      ? [
          'in GitHub: set the repository variables PCC_PLAN_ROLE_ARN, PCC_APPLY_ROLE_ARN and PCC_PRUNE_ROLE_ARN to the roles, and create the environments production, production-prune and production-service-periods (the last two with required reviewers)',
          'commit, push, and open a pull request: the plan is posted on it, and applied when it is merged',
        ]
      : [`the GitHub workflows were not written: they read ${WORKFLOWS_DIR}/, not ${options.dir}/`]),
  ];
  return `Next steps:\n${steps.map((step, i) => `  ${i + 1}. ${sanitizeForTerminal(step)}`).join('\n')}\n`;
}

async function runInit(ctx: CommandContext, flags: InitFlags, givenDir: string): Promise<number> {
  const dir = folderInside(givenDir);
  if (dir === undefined) {
    ctx.sink.err(
      sanitizeForTerminal(`pcc init: --dir ${givenDir} leads out of this folder; init sets up the current folder: give a folder inside it (or run init there)`) + '\n',
    );
    return 1;
  }
  const pmaProblem = pmaFlagsProblem(flags);
  if (pmaProblem !== undefined) {
    ctx.sink.err(`pcc init: ${pmaProblem}; nothing was written.\n`);
    return 1;
  }
  const options: InitOptions = {
    dir,
    catalog: flags.catalog,
    branch: flags.branch,
    version: pccVersion(),
    ...(flags.pma && { pma: flags.pma }),
    ...(flags.program && flags.pmaAccount && { declarePma: { program: flags.program, accountId: flags.pmaAccount } }),
    ...(flags.account && { account: flags.account }),
    ...(flags.repo && { repo: flags.repo }),
  };
  const declarationProblem = await pmaDeclarationProblem(ctx, options);
  if (declarationProblem !== undefined) {
    ctx.sink.err(sanitizeForTerminal(`pcc init: ${declarationProblem}; nothing was written.`) + '\n');
    return 1;
  }
  const all = filesToWrite(ctx, options);
  if (all === undefined) return 1;
  const copyNote = all.some((f) => f.path.startsWith(`${ACTION_COPY}/`)) ? await existingActionCopy(ctx, options.version) : undefined;
  const files = copyNote === undefined ? all : all.filter((f) => !f.path.startsWith(`${ACTION_COPY}/`));
  let results: WriteResult[];
  try {
    results = await writeNewFiles(ctx.cwd, files);
  } catch (error) {
    if (error instanceof UnsafeInitPaths) {
      for (const reason of error.reasons) ctx.sink.err(sanitizeForTerminal(`pcc init: ${reason}`) + '\n');
      ctx.sink.err('pcc init: nothing was written.\n');
      return 1;
    }
    if (!(error instanceof InitWriteFailed)) throw error;
    report(ctx, error.written);
    ctx.sink.err(sanitizeForTerminal(`pcc init: ${error.message}; the files above were written, run init again once it can write (it keeps them)`) + '\n');
    return 1;
  }
  report(ctx, results);
  for (const line of copyNote ?? []) ctx.sink.err(`${sanitizeForTerminal(line)}\n`);
  ctx.sink.err(`pcc init: ${results.filter((r) => r.wrote).length} files created.\n${nextSteps(options)}`);
  return 0;
}

export const registerInit: RegisterCommand = (program, ctx) => {
  program
    .command('init')
    .description(
      'set up this folder as a pcc repository: an example, the schema, editor settings, IAM policies, .gitignore lines for saved plans, GitHub workflows, Dependabot config, and a copy of the action marked with its pcc version',
    )
    .option('--pma <id>', 'the program management account for the example (pcc pmas lists yours)', pmaIdentifier)
    .addOption(
      new Option('--program <program>', `declare a program management account for pcc to create, in ${PMA_FILE} (with --pma-account); the example names it`).choices([
        ...PMA_PROGRAMS,
      ]),
    )
    .option('--pma-account <id>', "the declared program management account's 12-digit management account (with --program)", accountId)
    .addOption(new Option('--catalog <catalog>', 'the catalog of the example').choices([...CATALOGS]).default('AWS'))
    .option('--account <id>', `fill the IAM policies' ACCOUNT_ID (${IAM_FILES.length} files under iam/)`, accountId)
    .option('--repo <owner/name>', "fill the IAM trust policies' GitHub repository", repository)
    .option('--branch <name>', 'the default branch that applies on merge', branchName, 'main')
    .action(async (flags: InitFlags, command) => {
      ctx.setExitCode(await runInit(ctx, flags, globalOptionsOf(command).dir));
    });
};
