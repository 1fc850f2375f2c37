import { describe, expect, it } from 'vitest';
import { looksLikeYamlName } from '../../src/desired/lookalike-name.js';

describe('looksLikeYamlName', () => {
  it.each([
    'acme.yml~',
    'acme.yaml.orig',
    'acme.ya\u043cl',
    'acme\uff0eyaml',
    'acme\u3002yml',
    'acme.\u0443aml',
    'acme.yam\u0131'.replace('\u0131', 'I'),
    'acme.y\u00e1ml',
    'acme\u202elmay.txt',
  ])('%s looks like a YAML name', (name) => expect(looksLikeYamlName(name)).toBe(true));
  it.each(['README.md', 'notes-2021.txt', 'v1.json', 'Übersicht.txt', 'yaml-notes.txt', 'LICENSE'])('%s does not', (name) => expect(looksLikeYamlName(name)).toBe(false));
});
