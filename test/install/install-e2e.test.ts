/**
 * Installing pcc the ways a Node user does, from the repository's committed HEAD (a fresh clone: nothing
 * uncommitted, no dist/ of the working copy): `npm ci` and `npm pack` in the clone, the tarball installed into an
 * empty prefix, and an install from a git URL into a project. The installed `pcc` then runs from a folder outside the repository:
 * init → validate → plan → apply against the emulator it starts itself. Slow (real npm installs, from the local
 * npm cache), so each step has minutes, not seconds.
 */
import { spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const MINUTES = 60_000;
const PMA = 'pma-u8ic702rtzng8';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let root = '';
/** A home of the test's own: npm, git and pcc write nothing into the user's. */
let home = '';
let clone = '';
let tarball = '';
const emulators: { kill(): void }[] = [];

/**
 * Only what a shell on a clean machine has: node and npm, git, the system's tools, and `extraPath` first. npm reads
 * the local npm cache (the one `npm ci` filled), so the installs need no network for what the lock file names.
 */
function environment(extraPath: string[] = [], extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: [...extraPath, dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(delimiter),
    HOME: home,
    XDG_CACHE_HOME: join(home, '.cache'),
    npm_config_cache: process.env.npm_config_cache ?? join(userInfo().homedir, '.npm'),
    // npm's debug logs go with the test's home, not into the user's cache folder.
    npm_config_logs_dir: join(home, '.npm-logs'),
    npm_config_update_notifier: 'false',
    NO_COLOR: '1',
    ...extra,
  };
}

function run(command: string, args: string[], cwd: string, env: Record<string, string>, timeoutMs = 5 * MINUTES): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const NPM_QUIET = ['--prefer-offline', '--no-audit', '--no-fund'];

async function npm(args: string[], cwd: string): Promise<Run> {
  const result = await run('npm', [...args, ...NPM_QUIET], cwd, environment());
  expect(result.code, `npm ${args.join(' ')}\n${result.stdout}\n${result.stderr}`).toBe(0);
  return result;
}

/** `npm install -g` into an empty prefix: the `pcc` a user gets. */
async function installGlobally(spec: string, name: string): Promise<string> {
  const prefix = join(root, name);
  await mkdir(prefix);
  await npm(['install', '-g', '--prefix', prefix, spec], root);
  const bin = join(prefix, 'bin');
  const packageDir = join(prefix, 'lib', 'node_modules', 'pcc-gitops');
  // A real copy under the prefix, not a link back into the clone or the repository.
  expect(realpathSync(join(bin, 'pcc'))).toBe(join(realpathSync(packageDir), 'dist', 'cli.js'));
  return bin;
}

/** A new, empty folder outside the repository, as a user's new repository starts. */
async function newRepository(name: string): Promise<string> {
  const cwd = join(root, name);
  await mkdir(cwd);
  expect(cwd.startsWith(REPO)).toBe(false);
  return cwd;
}

/** `pcc …` by name, found on PATH in the prefix's bin folder only. */
function pcc(bin: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return run('pcc', args, cwd, environment([bin], env), 2 * MINUTES);
}

/** The installed `pcc emulator`, on a free port; resolves with its endpoint once it listens. */
function startEmulator(bin: string, cwd: string): Promise<string> {
  const child = spawn('pcc', ['emulator', '--port', '0'], { cwd, env: environment([bin]), stdio: ['ignore', 'ignore', 'pipe'] });
  emulators.push(child);
  let stderr = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the emulator printed no endpoint; stderr: ${stderr}`)), 2 * MINUTES);
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(stderr);
      if (match?.[1] && stderr.includes('Ctrl+C')) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('close', (code) => reject(new Error(`the emulator exited (${code}); stderr: ${stderr}`)));
  });
}

const customers = [
  '# yaml-language-server: $schema=../schema/relationships.schema.json',
  'catalog: AWS',
  `programManagementAccountIdentifier: ${PMA}`,
  'relationships:',
  '  - associatedAccountId: "111122223333"',
  '    associationType: END_CUSTOMER',
  '    displayName: Acme Corp',
  '    sector: COMMERCIAL',
  '  - associatedAccountId: "444455556666"',
  '    associationType: DOWNSTREAM_SELLER',
  '    displayName: Example Reseller',
  '    sector: COMMERCIAL',
  '',
].join('\n');

beforeAll(async () => {
  root = realpathSync(await mkdtemp(join(tmpdir(), 'pcc-install-')));
  home = join(root, 'home');
  await mkdir(home);
  clone = join(root, 'clone');
  // The committed HEAD, as `git clone` gives it to a new user: no dist/, no node_modules, nothing uncommitted.
  const cloned = await run('git', ['clone', '--quiet', '--no-hardlinks', REPO, clone], root, environment());
  expect(cloned.code, cloned.stderr).toBe(0);
  await npm(['ci'], clone);
  await npm(['pack', '--pack-destination', root], clone);
  const packed = (await readdir(root)).filter((name) => name.endsWith('.tgz'));
  expect(packed).toHaveLength(1);
  tarball = join(root, packed[0] ?? '');
}, 15 * MINUTES);

afterAll(async () => {
  for (const emulator of emulators) emulator.kill();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('npm pack of a fresh clone', () => {
  it('ships the built CLI, the schemas, the action, the workflows, docs, LICENSE, README and CHANGELOG, and no tests or sources', async () => {
    const listed = await run('tar', ['-tzf', tarball], root, environment());
    expect(listed.code, listed.stderr).toBe(0);
    const files = listed.stdout
      .split('\n')
      .filter(Boolean)
      .map((f) => f.replace(/^package\//, ''));
    for (const file of [
      'package.json',
      'dist/cli.js',
      'schema/relationships.schema.json',
      'schema/plan.schema.json',
      'action.yml',
      'action/main.mjs',
      'action/pcc.mjs',
      '.github/actions/require-tip/action.yml',
      '.github/workflows/pcc-pull-request.yml',
      '.github/workflows/pcc-apply.yml',
      'docs/iam/README.md',
      'docs/iam/apply-policy.json',
      'docs/github.md',
      'LICENSE',
      'README.md',
      'CHANGELOG.md',
    ]) {
      expect(files, file).toContain(file);
    }
    const unwanted = files.filter((f) =>
      /^(test|src|node_modules|relationships|\.ci|dist\/demo)\/|^\.github\/workflows\/(ci|release)\.yml$|^action\/build\.mjs$|^tsconfig/.test(f),
    );
    expect(unwanted).toEqual([]);
    expect(await readFile(join(clone, 'LICENSE'), 'utf8')).toContain('Apache License');
  });
});

describe('an installed pcc', () => {
  it(
    'from the tarball, in an empty prefix: init, validate, plan and apply against its own emulator, outside the repository',
    async () => {
      const bin = await installGlobally(tarball, 'prefix-tarball');
      const cwd = await newRepository('channel-relationships');

      const version = await pcc(bin, ['--version'], cwd);
      const pkg = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')) as { version: string };
      expect(version.stdout.trim()).toBe(pkg.version);

      const init = await pcc(bin, ['init', '--pma', PMA, '--account', '123456789012', '--repo', 'acme/channel'], cwd);
      expect(init.code, init.stderr).toBe(0);
      expect((await readFile(join(cwd, '.github', 'workflows', 'pcc-pull-request.yml'), 'utf8')).length).toBeGreaterThan(0);
      await writeFile(join(cwd, 'relationships', 'customers.yaml'), customers, 'utf8');

      const validate = await pcc(bin, ['validate'], cwd);
      expect(validate.code, validate.stderr).toBe(0);

      // Started in the new repository, the emulator creates the PMA the files name.
      const endpoint = await startEmulator(bin, cwd);
      const aws = {
        AWS_ENDPOINT_URL_PARTNERCENTRAL_CHANNEL: endpoint,
        AWS_ACCESS_KEY_ID: 'AKIDTESTTESTTESTTEST',
        AWS_SECRET_ACCESS_KEY: 'test-secret-key',
        AWS_REGION: 'us-east-1',
        AWS_CONFIG_FILE: join(home, 'no-aws-config'),
        AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-aws-credentials'),
        AWS_EC2_METADATA_DISABLED: 'true',
      };
      const plan = await pcc(bin, ['plan', '--detailed-exitcode'], cwd, aws);
      expect(plan.code, plan.stderr).toBe(2);
      expect(plan.stdout + plan.stderr).toContain('Plan: 2 to create');

      const apply = await pcc(bin, ['apply', '--auto-approve'], cwd, aws);
      expect(apply.code, apply.stderr).toBe(0);
      expect(apply.stderr).toMatch(/Apply complete: 2 created/);

      const after = await pcc(bin, ['plan', '--detailed-exitcode'], cwd, aws);
      expect(after.code, after.stdout + after.stderr).toBe(0);
    },
    10 * MINUTES,
  );

  it(
    'from a git URL, into a project: npm runs prepare in its checkout, and the pcc it installs runs init and validate',
    async () => {
      // Into a project, as the README says: a global (-g) git install cannot build, since npm gives the prepare
      // script of a global git install no devDependencies (npm/cli#8440).
      const cwd = await newRepository('from-git');
      await writeFile(join(cwd, 'package.json'), JSON.stringify({ name: 'channel-relationships', private: true }), 'utf8');
      await npm(['install', '--save-dev', `git+file://${clone}`], cwd);
      const bin = join(cwd, 'node_modules', '.bin');
      expect(realpathSync(join(bin, 'pcc'))).toBe(join(realpathSync(join(cwd, 'node_modules', 'pcc-gitops')), 'dist', 'cli.js'));
      const init = await pcc(bin, ['init', '--pma', PMA], cwd);
      expect(init.code, init.stderr).toBe(0);
      await writeFile(join(cwd, 'relationships', 'customers.yaml'), customers, 'utf8');
      const validate = await pcc(bin, ['validate'], cwd);
      expect(validate.code, validate.stderr).toBe(0);
      expect(validate.stderr).toMatch(/valid/);
    },
    10 * MINUTES,
  );
});
