/**
 * Reading one relationship file: bounded in size, strictly UTF-8, hashed. A file that fails any of these
 * becomes a diagnostic, never an exception, so one bad file does not hide the problems in the others.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Problem } from '../diagnostics/diagnostic.js';

/** Larger files are refused: thousands of relationships fit in far less, and parsing cost grows with size. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface SourceText {
  text: string;
  /** sha256 hex of the file's bytes. */
  sha256: string;
}

export interface ReadResult {
  source?: SourceText;
  diagnostics: Problem[];
}

function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** Reads `absolutePath`; `file` is the name used in diagnostics. */
export async function readSourceFile(absolutePath: string, file: string): Promise<ReadResult> {
  let bytes: Buffer;
  try {
    // Non-blocking, so a FIFO named *.yaml cannot make us wait forever for a writer.
    const handle = await open(absolutePath, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) return failure(file, 'not-a-file', `${file} is not a regular file`, 'remove it or rename it so it does not end in .yaml or .yml');
      if (stats.size > MAX_FILE_BYTES) return tooLarge(file, stats.size);
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unknown error';
    return failure(file, 'file-unreadable', `cannot read ${file} (${reason})`, 'check that the file exists and is readable');
  }
  // The file may have grown between stat and read.
  if (bytes.length > MAX_FILE_BYTES) return tooLarge(file, bytes.length);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return notUtf8(file, bytes);
  }
  const loneCr = text.search(/\r(?!\n)/);
  if (loneCr >= 0) return loneCarriageReturn(file, text, loneCr);
  return { source: { text, sha256: createHash('sha256').update(bytes).digest('hex') }, diagnostics: [] };
}

/**
 * A carriage return with no line feed after it ends a line for YAML's spec, git's diff and every editor, but the
 * YAML parser reads on past it: a classic-Mac (CR-only) file would be one comment line, its relationships gone,
 * and `# note\rsector: X` would hide a line the reviewer sees. Refused where it is (lines counted by line feeds).
 */
function loneCarriageReturn(file: string, text: string, offset: number): ReadResult {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = [...before.slice(before.lastIndexOf('\n') + 1)].length + 1;
  return {
    diagnostics: [
      {
        code: 'file-lone-carriage-return',
        severity: 'error',
        message: `line ${line} ends with a carriage return alone (no line feed): YAML readers disagree on where such a line ends`,
        hint: 'save the file with LF (or CRLF) line endings',
        file,
        line,
        column,
      },
    ],
  };
}

function failure(file: string, code: string, message: string, hint: string): ReadResult {
  return { diagnostics: [{ code, severity: 'error', message, hint, file }] };
}

function tooLarge(file: string, size: number): ReadResult {
  return failure(
    file,
    'file-too-large',
    `${file} is ${mebibytes(size)}; files over ${mebibytes(MAX_FILE_BYTES)} are refused`,
    'split the relationships over several smaller files',
  );
}

function notUtf8(file: string, bytes: Uint8Array): ReadResult {
  const offset = firstInvalidUtf8(bytes);
  const { line, column } = positionOfByte(bytes, offset);
  const byte = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  return {
    diagnostics: [
      {
        code: 'file-not-utf8',
        severity: 'error',
        message: `${file} is not valid UTF-8 (byte 0x${byte})`,
        hint: 'save the file with UTF-8 encoding',
        file,
        line,
        column,
      },
    ],
  };
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    if (length > 1) {
      const probe = new TextDecoder('utf-8', { fatal: true });
      try {
        probe.decode(bytes.subarray(i, i + length));
      } catch {
        return i;
      }
    }
    i += length;
  }
  return bytes.length;
}

function positionOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // Columns count characters, as editors do: continuation bytes are not characters.
  let column = 1;
  for (let i = lineStart; i < offset; i++) if (((bytes[i] ?? 0) & 0xc0) !== 0x80) column++;
  return { line, column };
}
