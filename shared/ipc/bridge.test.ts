import { describe, expect, it } from 'vitest';
import { createBridge, type BridgeTransport } from './bridge.ts';
import { commandNames, eventNames } from './channels.ts';

function recordingTransport() {
  const calls: Array<[string, unknown]> = [];
  const subscriptions: string[] = [];
  const transport: BridgeTransport = {
    invoke: async (channel, arg) => {
      calls.push([channel, arg]);
      return { ok: true, value: null };
    },
    subscribe: (channel) => {
      subscriptions.push(channel);
      return () => {};
    },
  };
  return { transport, calls, subscriptions };
}

describe('createBridge', () => {
  it('exposes one named function per contract command and nothing else', () => {
    const bridge = createBridge(recordingTransport().transport) as unknown as Record<string, Record<string, unknown>>;
    const exposed = Object.entries(bridge)
      .filter(([key]) => key !== 'on')
      .flatMap(([area, fns]) => Object.keys(fns).map((verb) => `${area}:${verb}`));
    expect(exposed.sort()).toEqual([...commandNames].sort());
    expect(Object.keys(bridge).sort()).toEqual([...new Set(commandNames.map((n) => n.split(':')[0]!)), 'on'].sort());
  });

  it('sends each call on its own channel', async () => {
    const { transport, calls } = recordingTransport();
    const bridge = createBridge(transport);
    await bridge.preferences.update({ theme: 'dark' });
    await bridge.app.getInfo();
    expect(calls).toEqual([
      ['preferences:update', { theme: 'dark' }],
      ['app:getInfo', undefined],
    ]);
  });

  it('subscribes only to contract events', () => {
    const { transport, subscriptions } = recordingTransport();
    const bridge = createBridge(transport);
    bridge.on(eventNames[0], () => {});
    expect(subscriptions).toEqual([eventNames[0]]);
    expect(() => (bridge.on as (e: string, l: () => void) => void)('ipc:anything', () => {})).toThrow(/Unknown event/);
  });

  it('is frozen', () => {
    const bridge = createBridge(recordingTransport().transport) as unknown as Record<string, unknown>;
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.isFrozen(bridge.app)).toBe(true);
  });
});
