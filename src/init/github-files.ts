import { createHash } from 'node:crypto';

/**
 * The GitHub side of `pcc init`: pcc's own workflows, pointed at a copy of the action that init puts in the new
 * repository (.github/actions/pcc: action.yml and its built bundle), so the repository needs no address of pcc's
 * and every run starts at once. Pure: the shipped texts come in through `read`.
 */

/** The workflows pcc ships (.github/workflows in its package), as the new repository gets them. */
export const WORKFLOW_FILES = ['pcc-pull-request.yml', 'pcc-apply.yml', 'pcc-drift.yml', 'pcc-prune.yml', 'pcc-service-periods.yml'] as const;

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
export function actionCopyDigest(read: (path: string) => string): string {
  const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
  return sha256(ACTION_FILES.map((file) => `${sha256(read(file))}  ${file}\n`).join(''));
}

/**
 * A workflow of pcc's repository as a repository set up by init needs it: `uses: ./` (pcc's root action) and
 * `uses: ./.pcc-base` (the same, in the base branch's checkout) point at the copy, the first pull request's check
 * looks for it there and knows the copy's digest (`digest`), and the apply workflow runs on `branch`. Local
 * actions of pcc's own (require-tip) keep their paths: init copies them too.
 */
export function workflowForRepository(text: string, branch: string, digest = 'none'): string {
  return text
    .replace(/^(\s*(?:- )?uses: \.\/)(\.pcc-base)?[ \t]*$/gm, (_line, head: string, base: string | undefined) => `${head}${base ? `${base}/` : ''}${ACTION_COPY}`)
    .replace(/^(\s+BASE: \.pcc-base)$/gm, `$1/${ACTION_COPY}`)
    .replace(/^(\s+COPY_SHA256: )none$/gm, `$1${digest}`)
    .replace(/^( {4}branches:\n {6}- )main$/m, `$1${branch}`);
}

export interface GithubFile {
  path: string;
  text: string;
}

/** The workflows, the action copy and require-tip, with their paths in the new repository. */
export function githubFiles(branch: string, read: (path: string) => string): GithubFile[] {
  const digest = actionCopyDigest(read);
  return [
    ...WORKFLOW_FILES.map((name) => ({ path: `.github/workflows/${name}`, text: workflowForRepository(read(`.github/workflows/${name}`), branch, digest) })),
    ...ACTION_FILES.map((file) => ({ path: `${ACTION_COPY}/${file}`, text: read(file) })),
    { path: REQUIRE_TIP, text: read(REQUIRE_TIP) },
  ];
}
