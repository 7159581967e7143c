import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { deadlineAfter, disposingWhenDone } from '../../connector/engine/deadline.ts';

describe('card call deadline', () => {
  it('aborts with a TimeoutError when the time is up', async () => {
    const deadline = deadlineAfter(10);
    await sleep(30);
    expect(deadline.signal.aborted).to.equal(true);
    expect((deadline.signal.reason as DOMException).name).to.equal('TimeoutError');
  });

  it('never fires once disposed', async () => {
    const deadline = deadlineAfter(10);
    deadline.dispose();
    await sleep(30);
    expect(deadline.signal.aborted).to.equal(false);
  });

  it('aborts when the caller goes away', () => {
    const caller = new AbortController();
    const deadline = deadlineAfter(60_000, caller.signal);
    caller.abort(new Error('gone'));
    expect(deadline.signal.aborted).to.equal(true);
    deadline.dispose();
  });

  it('is disposed when a stream ends early as well as when it completes', async () => {
    async function* three() {
      yield* [1, 2, 3];
    }
    const early = deadlineAfter(10);
    for await (const n of disposingWhenDone(three(), early)) if (n === 1) break;
    const complete = deadlineAfter(10);
    const seen: number[] = [];
    for await (const n of disposingWhenDone(three(), complete)) seen.push(n);
    await sleep(30);
    expect(seen).to.deep.equal([1, 2, 3]);
    expect(early.signal.aborted).to.equal(false);
    expect(complete.signal.aborted).to.equal(false);
  });
});
