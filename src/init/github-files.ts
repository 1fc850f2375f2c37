import { createHash } from 'node:crypto';

/**
 * The GitHub side of `pcc init`: pcc's own workflows, pointed at a copy of the action that init puts in the new
 * repository (.github/actions/pcc: action.yml and its built bundle), so the repository needs no address of pcc's
 * and every run starts at once. Pure: the shipped texts come in through `read`.
 */
import { branchFilter } from './branch-name.js';
import { yamlScalar } from './yaml-scalar.js';

/** The workflows pcc ships (.github/workflows in its package), as the new repository gets them. */
const WORKFLOW_FILES = ['pcc-pull-request.yml', 'pcc-apply.yml', 'pcc-drift.yml', 'pcc-prune.yml', 'pcc-service-periods.yml'] as const;

/** Where the copy of pcc's action goes in the new repository. */
export const ACTION_COPY = '.github/actions/pcc';

/** The action's files, relative to pcc's package root and to ACTION_COPY alike. */
const ACTION_FILES = ['action.yml', 'action/main.mjs', 'action/pcc.mjs'] as const;
const REQUIRE_TIP = '.github/actions/require-tip/action.yml';

/**
 * The sha256 the pull-request workflow checks the action copy against when the base branch has no pcc yet (the
 * first pull request): of `sha256sum action.yml action/main.mjs action/pcc.mjs` as run in the copy, which prints
 * `<hex>  <name>` per file.
 */
function actionCopyDigest(read: (path: string) => string): string {
  const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
  return sha256(ACTION_FILES.map((file) => `${sha256(read(file))}  ${file}\n`).join(''));
}

/**
 * A workflow of pcc's repository as a repository set up by init needs it: `uses: ./` (pcc's root action) and
 * `uses: ./.pcc-base` (the same, in the base branch's checkout) point at the copy, the first pull request's check
 * looks for it there and knows the copy's digest (`digest`), and the apply workflow runs on `branch` (a YAML scalar
 * that reads back as exactly that filter, whatever the name: `1.10`, `on`, `a#b`). Local
 * actions of pcc's own (require-tip) keep their paths: init copies them too.
 */
function workflowForRepository(text: string, branch: string, digest = 'none'): string {
  return text
    .replace(/^(\s*(?:- )?uses: \.\/)(\.pcc-base)?[ \t]*$/gm, (_line, head: string, base: string | undefined) => `${head}${base ? `${base}/` : ''}${ACTION_COPY}`)
    .replace(/^(\s+BASE: \.pcc-base)$/gm, (_line, head: string) => `${head}/${ACTION_COPY}`)
    .replace(/^(\s+COPY_SHA256: )none$/gm, (_line, head: string) => `${head}${digest}`)
    .replace(/^( {4}branches:\n {6}- )main$/m, (_line, head: string) => `${head}${yamlScalar(branchFilter(branch))}`);
}

export interface GithubFile {
  path: string;
  text: string;
}

/** The file in the action copy that names the pcc version it was copied from (one line: the version). */
export const ACTION_VERSION_FILE = `${ACTION_COPY}/VERSION`;

/** The action copy's action.yml, headed by where it came from, so a reader of the copy can tell. */
function actionCopyYaml(text: string, version: string): string {
  return `# Copied by \`pcc init\` from pcc-gitops ${version} (also in VERSION beside this file). To upgrade: delete this\n# folder and run \`pcc init\` of the new version (it writes only what is missing).\n${text}`;
}

/**
 * Dependabot keeps the SHA-pinned actions of the workflows and of require-tip current (a pull request per new
 * release, pin and `# vX.Y.Z` comment both). The vendored action (.github/actions/pcc) is pcc's bundle, upgraded
 * by `pcc init` rather than Dependabot; the repository has no package.json, so no npm entry.
 */
const DEPENDABOT = `# Written by \`pcc init\`: pull requests that move the pinned GitHub Actions to their new releases.
version: 2
updates:
  - package-ecosystem: github-actions
    directories:
      - /
      - /.github/actions/require-tip
    schedule:
      interval: weekly
    groups:
      github-actions:
        patterns:
          - '*'
`;

/** The workflows, the action copy (with its version), require-tip and Dependabot's config, as the new repository gets them. */
export function githubFiles(branch: string, version: string, read: (path: string) => string): GithubFile[] {
  // The digest is of the copy as written (its action.yml carries the version header), as the workflow's sha256sum sees it.
  const copy = (file: string) => (file === 'action.yml' ? actionCopyYaml(read(file), version) : read(file));
  const digest = actionCopyDigest(copy);
  return [
    ...WORKFLOW_FILES.map((name) => ({ path: `.github/workflows/${name}`, text: workflowForRepository(read(`.github/workflows/${name}`), branch, digest) })),
    ...ACTION_FILES.map((file) => ({ path: `${ACTION_COPY}/${file}`, text: copy(file) })),
    { path: ACTION_VERSION_FILE, text: `${version}\n` },
    { path: REQUIRE_TIP, text: read(REQUIRE_TIP) },
    { path: '.github/dependabot.yml', text: DEPENDABOT },
  ];
}
