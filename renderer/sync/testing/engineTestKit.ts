import { afterEach } from 'vitest';
import { localKey } from '../../../shared/sync/localDocuments.ts';
import { ConsoleUnderTest, until } from './consoleUnderTest.ts';

/** Consoles for one test file's tests, each stopped after its test. */
export function consolesPerTest(): (options?: Parameters<typeof ConsoleUnderTest.start>[0]) => Promise<ConsoleUnderTest> {
  const consoles: ConsoleUnderTest[] = [];
  afterEach(async () => {
    for (const c of consoles.splice(0)) await c.stop();
  });
  return async (options) => {
    const c = await ConsoleUnderTest.start(options);
    consoles.push(c);
    return c;
  };
}

/** A technical user as this console's replica holds it. */
export async function localUser(c: ConsoleUnderTest, tenantId: string, id: string) {
  return (await c.replica.db.technicalusers.findOne(localKey(tenantId, id)).exec())?.toJSON() as Record<string, unknown> | undefined;
}

/** Waits until nothing of the tenant is pending and its last full sync is done. */
export async function settled(c: ConsoleUnderTest, tenantId: string) {
  await until(() => c.replica.ledger.ofTenant(tenantId).length === 0);
  await c.engine.syncNow(tenantId);
  await c.engine.idle();
}
