/**
 * A pcc command line as init suggests it, to copy into a POSIX shell: `--dir` named when the folder is not the
 * default (else the command would look in relationships/), each word quoted when the shell would split or expand it.
 * PURE.
 */
import { shellWord } from '../io/shell-word.js';
import { WORKFLOWS_DIR } from './init-files.js';

/** `pcc [--dir DIR] WORDS…`, DIR being the folder init set up. */
export function pccCommand(dir: string, ...words: string[]): string {
  return ['pcc', ...(dir === WORKFLOWS_DIR ? [] : ['--dir', dir]), ...words].map(shellWord).join(' ');
}
