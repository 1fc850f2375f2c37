/**
 * Style as checks (issue 11 item 8), run by `npm test`: the tree is formatted as .prettierrc.json says, and
 * src/ keeps the architecture's import boundaries (.oxlintrc.json). `npm run format` fixes the first;
 * the second lists each crossing with the rule's message. style-rules.test.ts proves both can fail.
 */
import { describe, expect, it } from 'vitest';
import { boundaryViolations, ROOT, unformattedFiles } from '../support/style-tools.js';

describe('style checks on the tree', () => {
  it('every file is formatted as .prettierrc.json says (fix: npm run format)', () => {
    expect(unformattedFiles(ROOT)).toEqual([]);
  });

  it('src/ keeps the import boundaries: plan/ and render/ pure, process only in entry points, console only in reporters', () => {
    const found = boundaryViolations(ROOT).map((v) => `${v.file}:${v.line} ${v.rule}: ${v.message}`);
    expect(found).toEqual([]);
  });
});
