import { describe, expect, it } from 'vitest';
import { createApplyProgress, PROGRESS_BAR_MIN_CHANGES } from '../../src/commands/apply-progress.js';
import { createRecordingSink } from '../../src/io/sink.js';

describe('apply progress', () => {
  it('without a terminal, or for a small apply: just the lines, no bar', () => {
    for (const [interactive, total] of [
      [false, 500],
      [true, PROGRESS_BAR_MIN_CHANGES - 1],
    ] as const) {
      const sink = createRecordingSink({ interactive });
      const progress = createApplyProgress(sink, total);
      progress.line('+ created a\n');
      progress.tick(1);
      progress.stop();
      expect(sink.stderr).toBe('+ created a\n');
    }
  });

  it('on a terminal with a large apply: a bar, with every line printed above it', () => {
    const sink = createRecordingSink({ interactive: true });
    const progress = createApplyProgress(sink, 40);
    progress.line('+ created a\n');
    progress.tick(1);
    progress.line('✗ failed create b: reason\n');
    progress.tick(2);
    progress.stop();
    expect(sink.stderr).toContain('+ created a\n');
    expect(sink.stderr).toContain('✗ failed create b: reason\n');
    expect(sink.stderr).toMatch(/Applying \[.*\] \d+\/40/);
    expect(sink.stdout).toBe('');
  });
});
