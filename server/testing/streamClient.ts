import { SseParser } from '../../shared/sse.ts';

/** Reads `GET /replication/stream` in a test: every parsed event, in order, and when it ended. */
export function openStream(url: string, accessToken: string) {
  const controller = new AbortController();
  const events: unknown[] = [];
  let notify = null as (() => void) | null;
  const ended = (async () => {
    const response = await fetch(`${url}/api/v1/replication/stream`, { headers: { Authorization: `Bearer ${accessToken}` }, signal: controller.signal });
    if (response.status !== 200 || !response.body) throw new Error(`stream answered ${response.status}`);
    const parser = new SseParser();
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body) {
        for (const event of parser.push(decoder.decode(chunk as Uint8Array, { stream: true })).events) events.push(JSON.parse(event.data));
        notify?.();
      }
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    }
    return 'ended' as const;
  })();
  return {
    events,
    ended,
    /** Resolves once `predicate` holds for the events seen so far. */
    async until(predicate: (events: unknown[]) => boolean, timeoutMs = 5000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(events)) {
        if (Date.now() > deadline) throw new Error(`stream: condition not met; events: ${JSON.stringify(events).slice(0, 500)}`);
        await new Promise<void>((resolve) => {
          notify = resolve;
          setTimeout(resolve, 50);
        });
      }
    },
    close: () => controller.abort(),
  };
}
