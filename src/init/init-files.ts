/**
 * What `pcc init` writes into a new repository, as data: paths (relative to the repository root, forward
 * slashes) and their text. Pure: the shipped files' texts come in through `read`, the command writes.
 */
import { escapeHiddenCharacters } from '../model/hidden-characters.js';
import { SET_MARKER } from '../desired/set-root.js';
import { exampleRelationships } from './example-relationships.js';
import { githubFiles } from './github-files.js';
import { PMA_FILE, pmaDeclaration, pmaNameOf, type DeclaredPma } from './pma-declaration.js';

export interface InitOptions {
  /** The relationships folder (`--dir`), relative to the repository root. */
  dir: string;
  catalog: string;
  pma?: string;
  /** A PMA to declare (`--program` with `--pma-account`): a file of its own, and the example names it. */
  declarePma?: DeclaredPma;
  /** 12 digits: filled into the IAM policies for ACCOUNT_ID. */
  account?: string;
  /** `owner/name`: filled into the IAM trust policies for OWNER/REPO. */
  repo?: string;
  /** The default branch the apply and drift jobs run on. */
  branch: string;
  /** pcc's own version: the action copy records it. */
  version: string;
}

export interface InitFile {
  path: string;
  text: string;
  /** For a file that may exist already: the lines it must hold (see writeNewFiles). */
  lines?: { heading: string; required: readonly string[] };
}

/**
 * What git should not track: saved plans (`pcc plan --out`), which are one apply's input, hold live state, and go
 * stale at once. The names the docs and workflows use: plan.json, pcc-plan.json, pcc-prune-plan.json, ….
 */
const GITIGNORE = {
  heading: '# pcc: saved plans (pcc plan --out FILE) are for one apply, not for the repository',
  required: ['plan.json', '*.plan.json', 'pcc-*plan.json'],
};

/** The IAM documents pcc ships in docs/iam/ (see its README), copied with the placeholders filled where known. */
export const IAM_FILES = [
  'plan-policy.json',
  'plan-trust-policy.json',
  'apply-policy.json',
  'apply-trust-policy.json',
  'prune-policy.json',
  'prune-trust-policy.json',
] as const;

const SCHEMA_FILE = 'schema/relationships.schema.json';

/** `../` once per folder of `dir`, so a file directly in `dir` reaches the repository root. */
function upTo(dir: string): string {
  return '../'.repeat(dir.split('/').filter((part) => part !== '' && part !== '.').length);
}

/**
 * `value` as it goes inside a JSON string of an IAM policy: JSON-escaped, and `$` as IAM's `${$}`, so a branch named
 * `${aws:username}`-like is compared as written rather than read as a policy variable.
 */
const iamString = (value: string) => escapeHiddenCharacters(JSON.stringify(value).slice(1, -1), 'json').replaceAll('$', '${$}');

function fillIam(text: string, options: InitOptions): string {
  // Functions, not replacement strings: a `$&` or `$'` in a value would be expanded by replaceAll.
  let filled = text;
  if (options.account) filled = filled.replaceAll('ACCOUNT_ID', () => iamString(options.account ?? ''));
  if (options.repo) filled = filled.replaceAll('OWNER/REPO', () => iamString(options.repo ?? ''));
  return filled.replaceAll('refs/heads/main', () => iamString(`refs/heads/${options.branch}`));
}

/** The workflows read the default folder (their sparse checkouts and path filters name it). */
export const WORKFLOWS_DIR = 'relationships';

/**
 * Every file init would write, in the order it reports them. `read(path)` gives a shipped file's text. The GitHub
 * files come only for the default folder, which the workflows name.
 */
export function initFiles(options: InitOptions, read: (path: string) => string): InitFile[] {
  const dir = options.dir.replace(/\/+$/, '');
  const schemaPath = `${upTo(dir)}${SCHEMA_FILE}`;
  const declared = options.declarePma;
  return [
    { path: `${dir}/${SET_MARKER}`, text: '# The root of this set of relationship files: `pcc apply --prune` runs from this folder only.\n' },
    ...(declared ? [{ path: `${dir}/${PMA_FILE}`, text: pmaDeclaration(declared, options.catalog, schemaPath) }] : []),
    {
      path: `${dir}/example.yaml`,
      text: exampleRelationships({
        catalog: options.catalog,
        ...(options.pma ? { pma: options.pma } : {}),
        ...(declared ? { pmaName: pmaNameOf(declared) } : {}),
        schemaPath,
        dir,
      }),
    },
    { path: SCHEMA_FILE, text: read(SCHEMA_FILE) },
    {
      path: '.vscode/settings.json',
      text: `${JSON.stringify({ 'yaml.schemas': { [`./${SCHEMA_FILE}`]: `${dir}/**/*.{yaml,yml}` } }, null, 2)}\n`,
    },
    { path: '.vscode/extensions.json', text: `${JSON.stringify({ recommendations: ['redhat.vscode-yaml'] }, null, 2)}\n` },
    ...IAM_FILES.map((name) => ({ path: `iam/${name}`, text: fillIam(read(`docs/iam/${name}`), options) })),
    { path: '.gitignore', text: `${[GITIGNORE.heading, ...GITIGNORE.required].join('\n')}\n`, lines: GITIGNORE },
    ...(dir === WORKFLOWS_DIR ? githubFiles(options.branch, options.version, read) : []),
  ];
}
