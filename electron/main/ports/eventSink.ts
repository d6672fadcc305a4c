import type { EventName } from '../../../shared/ipc/channels.ts';
import type { EventPayload } from '../../../shared/ipc/contract.ts';

/** Sends contract events to the app's windows (webContents.send, or the harness page). */
export interface EventSink {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}
