type Json = Record<string, unknown>;

/**
 * Starts a record generator before the answer is committed, so that a failure on the first page
 * (bad token, missing permission) becomes an ordinary error answer rather than a broken stream.
 */
export async function primed(records: AsyncGenerator<Json>): Promise<AsyncIterable<Json>> {
  const first = await records.next();
  return {
    async *[Symbol.asyncIterator]() {
      try {
        if (first.done) return;
        yield first.value;
        yield* records;
      } finally {
        await records.return(undefined);
      }
    },
  };
}
