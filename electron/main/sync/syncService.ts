import { pullResponseSchema, pushResponseSchema, type PushableCollection, type ReplicationCollection, type StreamEvent } from '../../../shared/api/replication.ts';
import type { ServiceCall } from '../../../shared/ipc/contract.ts';
import type { Logger } from '../../../shared/logger.ts';
import { CodedError } from '../../../shared/result.ts';
import { SseParser } from '../../../shared/sse.ts';
import type { ConnectionService } from '../connections/connectionService.ts';
import type { TenantPort } from '../connections/tenantPort.ts';
import type { EventSink } from '../ports/eventSink.ts';
import { offlineCodes, tenantErrorCodes } from '../../../shared/tenantErrorCodes.ts';

export interface SyncService {
  /** A page of documents, validated, as JSON text (see the IPC contract), with how many it holds. */
  pull: ServiceCall<'sync:pull'>;
  push: ServiceCall<'sync:push'>;
  start(): void;
  stop(): void;
}

const pullSchemas = new Map<ReplicationCollection, ReturnType<typeof pullResponseSchema>>();
const pushSchemas = new Map<PushableCollection, ReturnType<typeof pushResponseSchema>>();

/**
 * The sync transport in main: the renderer's RxDB pull and push handlers
 * call it over IPC, and it talks to the tenant with that connection's
 * credentials (the renderer never sees them). It also holds one replication
 * event stream per tenant and forwards its events, `RESYNC` included, to the
 * renderer; a broken stream makes the connection re-check its state, so an
 * offline tenant is noticed at once and retried with backoff.
 */
export function createSyncService(options: {
  /** What the connections look like now, and how to make one look at its tenant again. */
  connections: Pick<ConnectionService, 'list' | 'check' | 'onChange'>;
  tenants: TenantPort;
  events: EventSink;
  logger: Logger;
  streamRetry?: { initialMs: number; maxMs: number };
}): SyncService {
  const { connections, tenants, events, logger } = options;
  const retry = options.streamRetry ?? { initialMs: 1_000, maxMs: 10_000 };
  const streams = new Map<string, AbortController>();
  let unsubscribe: (() => void) | null = null;

  const runStream = async (connectionId: string, signal: AbortSignal) => {
    let delay = retry.initialMs;
    while (!signal.aborted) {
      try {
        const response = await tenants.reachEvenIfOffline(connectionId).client.openReplicationStream(signal);
        delay = retry.initialMs;
        if (connections.list().find((c) => c.id === connectionId)?.state !== 'connected') void connections.check(connectionId).catch(() => undefined);
        const parser = new SseParser();
        response.setEncoding('utf8');
        signal.addEventListener('abort', () => response.destroy(), { once: true });
        for await (const chunk of response as AsyncIterable<string>) {
          for (const event of parser.push(chunk).events) {
            let data: StreamEvent;
            try {
              data = JSON.parse(event.data) as StreamEvent;
            } catch {
              logger.warn('tenant sent an unreadable stream event', { connection: connectionId });
              continue;
            }
            events.emit('sync:event', { connectionId, event: data });
          }
        }
        // The stream ends when the access token expires: reconnect (a new token, then RESYNC).
      } catch (error) {
        if (signal.aborted) return;
        const code = error instanceof CodedError ? error.code : tenantErrorCodes.refused;
        logger.debug('replication stream down', { connection: connectionId, code, retryInMs: delay });
        void connections.check(connectionId).catch(() => undefined);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay * (0.75 + Math.random() * 0.5));
          signal.addEventListener('abort', () => {
            clearTimeout(timer);
            resolve();
          }, { once: true });
        });
        delay = Math.min(retry.maxMs, delay * 2);
      }
    }
  };

  /** One stream per connection that has a tenant to talk to. */
  const reconcile = () => {
    const wanted = new Set(connections.list().map((c) => c.id));
    for (const [id, controller] of streams) {
      if (!wanted.has(id)) {
        controller.abort();
        streams.delete(id);
      }
    }
    for (const id of wanted) {
      if (streams.has(id)) continue;
      const controller = new AbortController();
      streams.set(id, controller);
      void runStream(id, controller.signal);
    }
  };

  const withConnection = (connectionId: string) => tenants.reachEvenIfOffline(connectionId).client;

  /** A pull or push that finds the tenant away makes the connection look again at once (the monitor may be waiting out a backoff) — one look at a time. */
  const looking = new Set<string>();
  const noticing = async <T>(connectionId: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      if (error instanceof CodedError && offlineCodes.has(error.code) && !looking.has(connectionId) && connections.list().find((c) => c.id === connectionId)?.state === 'connected') {
        looking.add(connectionId);
        void connections
          .check(connectionId)
          .catch(() => undefined)
          .finally(() => looking.delete(connectionId));
      }
      throw error;
    }
  };

  return {
    async pull({ connectionId, collection, checkpoint, limit }) {
      let schema = pullSchemas.get(collection);
      if (!schema) pullSchemas.set(collection, (schema = pullResponseSchema(collection)));
      const page = await noticing(connectionId, () =>
        withConnection(connectionId).call('replicationPull', {
          params: { collection },
          query: { limit, ...(checkpoint ? { updatedAt: checkpoint.updatedAt, id: checkpoint.id } : {}) },
          maxResponseBytes: 64 * 1024 * 1024,
          responseSchema: schema,
        }),
      );
      return { documentsJson: JSON.stringify(page.documents), count: page.documents.length, checkpoint: page.checkpoint };
    },

    async push({ connectionId, collection, rows }) {
      let schema = pushSchemas.get(collection);
      if (!schema) pushSchemas.set(collection, (schema = pushResponseSchema(collection)));
      const result = await noticing(connectionId, () =>
        withConnection(connectionId).call('replicationPush', {
          params: { collection },
          body: rows.map((r) => ({ newDocumentState: r.newDocumentState, assumedMasterState: r.assumedMasterState })),
          maxResponseBytes: 64 * 1024 * 1024,
          responseSchema: schema,
        }),
      );
      // A tenant without `applied` (older servers) just means the stream's echo brings the new state.
      return { conflicts: result.conflicts, rejections: result.rejections, applied: result.applied ?? [] };
    },

    start() {
      if (unsubscribe) return;
      unsubscribe = connections.onChange(reconcile);
      reconcile();
    },

    stop() {
      unsubscribe?.();
      unsubscribe = null;
      for (const controller of streams.values()) controller.abort();
      streams.clear();
    },
  };
}
