import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandNames, type CommandName } from '../../../shared/ipc/channels.ts';
import { commands } from '../../../shared/ipc/contract.ts';
import { ipcErrorCodes } from '../../../shared/ipc/errorCodes.ts';
import { createLogger } from '../../../shared/logger.ts';
import { CodedError } from '../../../shared/result.ts';
import { createIpcRouter, type IpcHandlers } from './ipcRouter.ts';
import { createSenderPolicy } from './senderPolicy.ts';

const trusted = { url: 'app://tessera/index.html', isMainFrame: true };

/** Values a renderer (or something pretending to be one) could send: anything, plus near-misses of real arguments. */
const nastyStrings = fc.constantFrom('', '.', '..', '../..', '%2e%2e', '%E0%A4%A', '%', '\u0000', ' ', 'a'.repeat(5000), '0x10', '2026-13-45', '__proto__', 'constructor');
const argument = fc.oneof(
  fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true }),
  fc.dictionary(fc.constantFrom('connectionId', 'id', 'technicalUserId', 'tokenId', 'date', 'name', 'patch', 'rows', 'collection', 'limit', 'url', 'theme'), fc.oneof(nastyStrings, fc.jsonValue(), fc.uuid())),
);

/**
 * Property: whatever arrives on a contract channel, the router answers with a result value (never throws),
 * refuses what the contract does not allow with `ipc_invalid_argument` and a message, and hands a handler
 * only arguments its schema accepts.
 */
describe('IPC arguments, any input (property, fixed seed)', () => {
  it('never throws, never lets an argument through that the contract refuses, and always says why', async () => {
    const seen: Array<{ name: CommandName; arg: unknown }> = [];
    const handlers = Object.fromEntries(
      commandNames.map((name) => [
        name,
        (arg: unknown) => {
          seen.push({ name, arg });
          throw new CodedError('reached_handler', name);
        },
      ]),
    ) as unknown as IpcHandlers;
    const router = createIpcRouter({ handlers, isTrustedSender: createSenderPolicy(['app://tessera']), logger: createLogger(() => {}) });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...commandNames), argument, async (name, arg) => {
        seen.length = 0;
        const result = await router.dispatch(name, arg, trusted);
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(typeof result.error.code).toBe('string');
        expect(result.error.message.length).toBeGreaterThan(0);
        const accepted = commands[name].args.safeParse(arg).success;
        if (accepted) {
          expect(result.error.code).toBe('reached_handler');
          expect(commands[name].args.safeParse(seen[0]!.arg).success).toBe(true);
        } else {
          expect(result.error.code).toBe(ipcErrorCodes.invalidArgument);
          expect(seen).toEqual([]);
        }
      }),
      { seed: 20261202, numRuns: 2000 },
    );
  });

  it('refuses ids a URL would read as path steps, wherever the contract takes a tenant id', () => {
    const withTechnicalUserId = commandNames.filter((name) => {
      const shape = (commands[name].args as unknown as { shape?: Record<string, unknown> }).shape;
      return shape !== undefined && 'technicalUserId' in shape;
    });
    expect(withTechnicalUserId.length).toBeGreaterThan(0);
    for (const name of withTechnicalUserId) {
      for (const id of ['.', '..', '../x', 'a/b', '%2e']) {
        const shape = (commands[name].args as unknown as { shape: Record<string, { safeParse(v: unknown): { success: boolean } }> }).shape;
        expect(shape.technicalUserId!.safeParse(id).success, `${name} ${id}`).toBe(false);
      }
    }
  });
});
