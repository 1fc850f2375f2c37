/**
 * Finding the relationship files: every `*.yaml` and `*.yml` (any letter case) under the folder, recursively,
 * in a stable order. Names starting with a dot are skipped (as globs do). A name that holds `.yaml`/`.yml` but
 * ends otherwise (`acme.yml~`, `acme.yaml.orig`, an editor's or merge tool's leftover), or only looks like
 * one (`acme.yaмl`, with a Cyrillic м: see lookalike-name.ts), is an error, never a
 * silent skip: with --prune, a file that drops out of the desired state would turn its entries into deletes. Symbolic links are never followed: one that
 * leads out of the folder is refused (the files must be what the repository holds), one that stays inside is
 * skipped because its target is read directly (reading it twice would declare everything twice).
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Problem } from '../diagnostics/diagnostic.js';
import { looksLikeYamlName } from './lookalike-name.js';

export interface FoundFile {
  absolutePath: string;
  /** Relative to the working directory, forward slashes: the name diagnostics and SourceRef use. */
  file: string;
  /** Relative to the folder, forward slashes: stable wherever the command runs from. */
  relativeToDir: string;
}

export interface FoundFiles {
  files: FoundFile[];
  diagnostics: Problem[];
}

const YAML_NAME = /\.ya?ml$/i;

/** `target` relative to `from`, with forward slashes. */
export function displayPath(from: string, target: string): string {
  const relative = path.relative(from, target);
  return (relative === '' ? '.' : relative).split(path.sep).join('/');
}

interface Walk {
  root: string;
  realRoot: string;
  cwd: string;
  found: string[];
  diagnostics: Problem[];
}

export async function findRelationshipFiles(dir: string, cwd: string): Promise<FoundFiles> {
  const root = path.resolve(cwd, dir);
  const label = `${displayPath(cwd, root)}/`;
  try {
    if (!(await stat(root)).isDirectory()) {
      return refuse('dir-not-a-directory', `${label.slice(0, -1)} is not a folder`, 'pass the folder that holds the relationship files with --dir');
    }
  } catch {
    return refuse('dir-not-found', `no folder ${label} (looked in ${root})`, 'create it, or pass the folder that holds the relationship files with --dir');
  }
  const walk: Walk = { root, realRoot: await realpath(root), cwd, found: [], diagnostics: [] };
  await walkFolder(walk, root);
  const files = walk.found
    .map((absolutePath) => ({ absolutePath, file: displayPath(cwd, absolutePath), relativeToDir: displayPath(root, absolutePath) }))
    // Plain code-unit order: the same on every machine and locale.
    .sort((a, b) => (a.relativeToDir < b.relativeToDir ? -1 : a.relativeToDir > b.relativeToDir ? 1 : 0));
  if (files.length === 0 && walk.diagnostics.length === 0) {
    walk.diagnostics.push({
      code: 'no-files',
      severity: 'warning',
      message: `no .yaml or .yml files under ${label}`,
      hint: 'add relationship files there, or pass another folder with --dir',
    });
  }
  return { files, diagnostics: walk.diagnostics };
}

function refuse(code: string, message: string, hint: string): FoundFiles {
  return { files: [], diagnostics: [{ code, severity: 'error', message, hint }] };
}

async function walkFolder(walk: Walk, folder: string): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    walk.diagnostics.push({
      code: 'dir-unreadable',
      severity: 'error',
      message: `cannot read folder ${displayPath(walk.cwd, folder)}`,
      file: displayPath(walk.cwd, folder),
    });
    return;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) await walkFolder(walk, full);
    else if (entry.isSymbolicLink()) await checkSymlink(walk, full, entry.name);
    else if (!YAML_NAME.test(entry.name)) {
      if (looksLikeYamlName(entry.name)) walk.diagnostics.push(lookalike(walk, full));
    } else if (entry.isFile()) walk.found.push(full);
    else walk.diagnostics.push(problem(walk, full, 'not-a-file', 'error', 'is not a regular file (a device, socket or pipe)', 'remove it from the folder'));
  }
}

async function checkSymlink(walk: Walk, link: string, name: string): Promise<void> {
  let target: string;
  let isFolder: boolean;
  try {
    target = await realpath(link);
    isFolder = (await stat(target)).isDirectory();
  } catch {
    if (YAML_NAME.test(name))
      walk.diagnostics.push(problem(walk, link, 'broken-symlink', 'error', 'is a symbolic link to nothing', 'remove the link or restore its target'));
    return;
  }
  if (!isFolder && !YAML_NAME.test(name)) {
    if (looksLikeYamlName(name)) walk.diagnostics.push(lookalike(walk, link));
    return;
  }
  const inside = target === walk.realRoot || target.startsWith(walk.realRoot + path.sep);
  const shown = displayPath(walk.cwd, target);
  if (!inside) {
    walk.diagnostics.push(
      problem(
        walk,
        link,
        'symlink-outside-dir',
        'error',
        `is a symbolic link to ${shown}, outside ${displayPath(walk.cwd, walk.root)}/; links out of the folder are refused`,
        'copy the file into the folder instead of linking to it',
      ),
    );
  } else if (!readByWalk(walk, target, isFolder)) {
    // An error, not a warning: a file the user meant to declare but pcc never reads could, with --prune,
    // turn its relationships into deletes.
    walk.diagnostics.push(
      problem(
        walk,
        link,
        'symlink-target-not-read',
        'error',
        `is a symbolic link to ${shown}, which pcc does not read (a hidden name, or not a .yaml/.yml file)`,
        'move the file into the folder under a .yaml name instead of linking to it',
      ),
    );
  } else {
    walk.diagnostics.push(
      problem(walk, link, 'symlink-skipped', 'warning', `is a symbolic link to ${shown}, which is read directly; the link is skipped`, 'remove the link'),
    );
  }
}

/** Whether the walk reaches `target` (inside the folder) on its own: no hidden segment, a YAML name for a file. */
function readByWalk(walk: Walk, target: string, isFolder: boolean): boolean {
  const segments = path
    .relative(walk.realRoot, target)
    .split(path.sep)
    .filter((segment) => segment !== '');
  return !segments.some((segment) => segment.startsWith('.')) && (isFolder || YAML_NAME.test(path.basename(target)));
}

function lookalike(walk: Walk, at: string): Problem {
  return problem(
    walk,
    at,
    'yaml-name-not-read',
    'error',
    /\.ya?ml/i.test(path.basename(at))
      ? 'is not read: its name holds .yaml or .yml but does not end with it (a backup or merge leftover?); pcc refuses to plan without it'
      : 'is not read: its name looks like a .yaml or .yml name but is not one (it holds characters that only look like them); pcc refuses to plan without it',
    'rename it to end in .yaml, or delete it',
  );
}

function problem(walk: Walk, at: string, code: string, severity: Problem['severity'], what: string, hint: string): Problem {
  const file = displayPath(walk.cwd, at);
  return { code, severity, message: `${file} ${what}`, hint, file };
}
