/**
 * Runs `task` for every item with at most `concurrency` in flight, and stops taking new items after the first
 * failure. That stop matters: with 1,000 tag reads queued behind a rate limiter, an access-denied answer must
 * end the run after the calls already in flight, not after the whole queue has been tried and refused.
 * Resolves with the results in item order; rejects with the first error once the in-flight calls have settled.
 */
export async function runBounded<T, R>(items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;

  async function worker(): Promise<void> {
    while (failure === undefined && next < items.length) {
      const index = next++;
      try {
        results[index] = await task(items[index] as T, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  }

  const workers = Math.max(1, Math.min(Math.floor(concurrency), items.length));
  await Promise.all(Array.from({ length: workers }, () => worker()));
  if (failure !== undefined) throw failure.error;
  return results;
}
