import { expect } from 'chai';
import { destroyAgents } from '../../../connector/smarthr/agents.ts';

/**
 * Registers hooks on the calling describe(): any unhandled rejection during the suite fails it,
 * and after the suite (pooled upstream sockets closed) no socket, server or timer is left
 * beyond what was there before it started. Call it in an outer describe() and start servers in
 * inner ones, so their after() hooks have run when this one counts.
 */
export function guardProcessHygiene(): void {
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown): void => {
    rejections.push(reason);
  };
  let before: Map<string, number>;

  const census = (): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
    return counts;
  };

  // Both hooks are async and wait the same way, so mocha's own hook timer is in both counts.
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  };

  globalThis.before(async () => {
    destroyAgents();
    await settle();
    before = census();
    process.on('unhandledRejection', onRejection);
  });

  globalThis.after(async () => {
    process.off('unhandledRejection', onRejection);
    destroyAgents();
    // Closed sockets and cleared timers leave the list on the next turns of the loop.
    await settle();
    const after = census();
    const grown: string[] = [];
    for (const kind of ['TCPSocketWrap', 'TCPServerWrap', 'Timeout', 'TTYWrap', 'PipeWrap']) {
      const was = before.get(kind) ?? 0;
      const now = after.get(kind) ?? 0;
      if (now > was) grown.push(`${kind}: ${was} -> ${now}`);
    }
    expect(grown, 'resources left behind by the suite').to.deep.equal([]);
    expect(rejections.map(String), 'unhandled rejections').to.deep.equal([]);
  });
}
