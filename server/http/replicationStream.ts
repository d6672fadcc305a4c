import type { ServerResponse } from 'node:http';
import type { TenantStore } from '../domain/tenantStore.ts';

export const pingIntervalMs = 15_000;

/**
 * `GET /replication/stream`: one `data:` line of JSON per event. The first
 * event after every (re)connect is "RESYNC"; a `: ping` comment keeps the
 * connection alive; the stream ends when the access token expires, and the
 * client reconnects with a new one.
 */
export function openReplicationStream(store: TenantStore, response: ServerResponse, expiresAt: number, streams: Set<ServerResponse>): void {
  response.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  response.flushHeaders();
  const send = (data: unknown) => {
    if (!response.writableEnded) response.write(`data: ${JSON.stringify(data)}\n\n`);
  };
  send('RESYNC');
  const unsubscribe = store.onChange((change) => send(change));
  const ping = setInterval(() => {
    if (!response.writableEnded) response.write(': ping\n\n');
  }, pingIntervalMs);
  const expiry = setTimeout(() => response.end(), Math.max(0, expiresAt - store.now().getTime()));
  streams.add(response);
  const close = () => {
    unsubscribe();
    clearInterval(ping);
    clearTimeout(expiry);
    streams.delete(response);
  };
  response.on('close', close);
}
