import { describe, expect, it } from 'vitest';
import type { Integration } from '../../shared/api/employees.ts';
import { err, ok, type Result } from '../../shared/result.ts';
import { createIntegrationsReader } from './integrationsReader.ts';

/** A tenant whose answers the test releases one by one, to see what is in flight. */
function heldTenant() {
  const waiting: Array<{ id: string; answer: (r: Result<Integration[]>) => void }> = [];
  let inFlight = 0;
  let most = 0;
  const read = (id: string) =>
    new Promise<Result<Integration[]>>((resolve) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      waiting.push({ id, answer: (r) => ((inFlight -= 1), resolve(r)) });
    });
  // One macrotask later every answer released so far has been taken in (a message, not a timer).
  const settled = () =>
    new Promise<void>((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => (channel.port1.close(), resolve());
      channel.port2.postMessage(null);
    });
  return { read, waiting, most: () => most, settled };
}

const hook = (id: string) => ({ id, name: `Hook ${id}` }) as Integration;

describe('integrations reader', () => {
  it('reads each person once, at most `parallel` at a time, in the order asked', async () => {
    const tenant = heldTenant();
    const reader = createIntegrationsReader(tenant.read, { parallel: 2 });
    let changes = 0;
    reader.subscribe(() => (changes += 1));
    reader.want(['chosen', 'b', 'c']);
    reader.want(['b', 'c', 'd']);
    expect(tenant.waiting.map((w) => w.id)).toEqual(['chosen', 'b']);
    while (tenant.waiting.length > 0) {
      const next = tenant.waiting.shift()!;
      next.answer(ok([hook(next.id)]));
      await tenant.settled();
    }
    expect(tenant.most()).toBe(2);
    expect(['chosen', 'b', 'c', 'd'].map((id) => (reader.of(id) as Integration[])[0]?.id)).toEqual(['chosen', 'b', 'c', 'd']);
    expect(changes).toBe(4);
  });

  it('keeps a failure as a failure and asks again only after forgetFailed', async () => {
    const tenant = heldTenant();
    const reader = createIntegrationsReader(tenant.read, { parallel: 4 });
    reader.want(['a', 'b']);
    tenant.waiting.shift()!.answer(err('tenant_timeout', 'no answer'));
    tenant.waiting.shift()!.answer(ok([hook('b')]));
    await tenant.settled();
    expect(reader.of('a')).toEqual({ error: 'no answer' });
    reader.want(['a']);
    expect(tenant.waiting).toHaveLength(0);
    reader.forgetFailed();
    expect(reader.of('a')).toBeUndefined();
    expect(reader.of('b')).toEqual([hook('b')]);
    reader.want(['a']);
    expect(tenant.waiting.map((w) => w.id)).toEqual(['a']);
  });

  it('after an action on a person, an answer asked for before it never wins over the new one', async () => {
    const tenant = heldTenant();
    const reader = createIntegrationsReader(tenant.read, { parallel: 4 });
    reader.want(['b']);
    reader.forget('b');
    reader.want(['b']);
    const [before, after] = [tenant.waiting.shift()!, tenant.waiting.shift()!];
    after.answer(ok([]));
    await tenant.settled();
    before.answer(ok([hook('b')]));
    await tenant.settled();
    expect(reader.of('b')).toEqual([]);
  });

  it('stop drops what is queued, and a later want asks for it again', async () => {
    const tenant = heldTenant();
    const reader = createIntegrationsReader(tenant.read, { parallel: 1 });
    reader.want(['a', 'b']);
    reader.stop();
    tenant.waiting.shift()!.answer(ok([hook('a')]));
    await tenant.settled();
    expect(reader.of('a')).toEqual([hook('a')]);
    expect(tenant.waiting).toHaveLength(0);
    reader.want(['a', 'b']);
    expect(tenant.waiting.map((w) => w.id)).toEqual(['b']);
  });
});
