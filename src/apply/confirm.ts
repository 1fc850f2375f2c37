import { createInterface } from 'node:readline/promises';

export interface ConfirmOptions {
  /** Where the answer is read from (the command passes its stdin). */
  input: NodeJS.ReadableStream;
  /** Writes the question (the command passes stderr through its sink). */
  write: (text: string) => void;
  question?: string;
}

export const CONFIRM_QUESTION = 'Do you want to apply these changes? Only "yes" will be accepted: ';

/**
 * Ask once; only the exact answer "yes" (surrounding spaces ignored) proceeds. End of input, or anything
 * else, is a no. The question goes through `write` rather than a stream so stdout stays for results.
 */
export async function confirmApply({ input, write, question = CONFIRM_QUESTION }: ConfirmOptions): Promise<boolean> {
  const rl = createInterface({ input, terminal: false });
  write(question);
  try {
    const answer = await new Promise<string | undefined>((resolve) => {
      rl.once('line', (line) => resolve(line));
      rl.once('close', () => resolve(undefined));
    });
    return answer?.trim() === 'yes';
  } finally {
    rl.close();
  }
}
