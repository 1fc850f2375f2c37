/**
 * Branch names as git accepts them (`git check-ref-format --branch`), and the same name as a pattern of GitHub's
 * branch filters (`on.push.branches`), where some characters git allows have a meaning of their own.
 */

/** Why git refuses `name` as a branch name, or undefined when it accepts it. */
export function branchNameProblem(name: string): string | undefined {
  if (name === '') return 'it is empty';
  if (name === '@' || name === 'HEAD') return `git reserves "${name}"`;
  if (name.startsWith('-')) return 'it starts with -';
  if (/[\u0000-\u0020\u007f]/.test(name)) return 'it holds a space or a control character';
  const bad = /[~^:?*[\\]/.exec(name);
  if (bad) return `it holds "${bad[0]}" (git refuses ~ ^ : ? * [ \\)`;
  if (name.includes('..')) return 'it holds ".."';
  if (name.includes('@{')) return 'it holds "@{"';
  if (name.endsWith('.')) return 'it ends with "."';
  for (const part of name.split('/')) {
    if (part === '') return 'it has an empty part (a leading, trailing or double /)';
    if (part.startsWith('.')) return `its part "${part}" starts with "."`;
    if (part.endsWith('.lock')) return `its part "${part}" ends with ".lock"`;
  }
  return undefined;
}

/**
 * `name` as a GitHub branch filter that matches that branch only: `+` (one or more of the previous character) and a
 * leading `!` (negation) escaped with `\`. The other special characters (`* ? [ \`) are never in a branch name.
 */
export function branchFilter(name: string): string {
  return name.replace(/\+/g, '\\+').replace(/^!/, '\\!');
}
