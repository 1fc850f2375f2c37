/**
 * The file format example in README.md must stay valid: it is what people copy.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { load } from '../desired/helpers.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README.md', () => {
  it('shows the demo and test commands on its first screen', () => {
    const firstScreen = README.split('\n').slice(0, 25);
    expect(firstScreen).toContain('npm ci && npm run demo');
    expect(firstScreen).toContain('npm ci && npm test');
  });

  it('has a file format example that validates', async () => {
    const example = /```yaml\n(# yaml-language-server[^\n]*\ncatalog:[\s\S]*?)```/.exec(README)?.[1];
    expect(example).toBeDefined();
    const { desired, diagnostics } = await load({ 'example.yaml': example ?? '' });
    expect(diagnostics).toEqual([]);
    expect(desired.relationships).toHaveLength(1);
  });
});
