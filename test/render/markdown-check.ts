/**
 * A small structural reading of the markdown the renderer writes, enough to tell whether an untrusted value
 * escaped its place: fenced blocks (closed by a line of at least as many backticks), inline code spans
 * (closed by a backtick run of the same length), and the prose left outside both.
 */

export interface MarkdownReading {
  /** Content lines of each fenced block, in order. */
  blocks: string[][];
  /** Text outside fenced blocks and code spans, line by line. */
  prose: string[];
  /** Contents of inline code spans. */
  spans: string[];
}

function splitSpans(line: string, spans: string[]): string {
  let prose = '';
  let i = 0;
  while (i < line.length) {
    const run = /^`+/.exec(line.slice(i));
    if (!run) {
      prose += line[i];
      i += 1;
      continue;
    }
    const n = run[0].length;
    // The span closes at the next run of exactly n backticks.
    const closer = new RegExp(`(?<!\`)\`{${n}}(?!\`)`, 'g');
    closer.lastIndex = i + n;
    const close = closer.exec(line);
    if (!close) {
      prose += run[0];
      i += n;
      continue;
    }
    spans.push(line.slice(i + n, close.index));
    i = close.index + n;
  }
  return prose;
}

export function readMarkdown(markdown: string): MarkdownReading {
  const reading: MarkdownReading = { blocks: [], prose: [], spans: [] };
  let fence: string | undefined;
  let block: string[] = [];
  for (const line of markdown.split('\n')) {
    if (fence !== undefined) {
      if (new RegExp(`^ {0,3}\`{${fence.length},}\\s*$`).test(line)) {
        reading.blocks.push(block);
        fence = undefined;
      } else block.push(line);
      continue;
    }
    const open = /^ {0,3}(`{3,})/.exec(line);
    if (open) {
      fence = open[1]!;
      block = [];
      continue;
    }
    reading.prose.push(splitSpans(line, reading.spans));
  }
  if (fence !== undefined) throw new Error('unclosed fenced code block');
  return reading;
}

/** Unescaped pipes in a table row: a pipe counts unless an odd run of backslashes precedes it. */
export function cellSeparators(row: string): number {
  let count = 0;
  for (const match of row.matchAll(/(\\*)\|/g)) if (match[1]!.length % 2 === 0) count += 1;
  return count;
}
