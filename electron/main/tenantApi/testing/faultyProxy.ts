import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server in front of a real tenant that misbehaves on demand:
 * each queued fault applies to the next matching request, then it passes
 * requests through untouched. For tests of how the tenant client copes.
 */
export type Fault =
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  | { kind: 'hang' }
  | { kind: 'drop' }
  | { kind: 'malformed' }
  | { kind: 'mutate'; change: (body: unknown) => unknown }
  | { kind: 'oversize'; bytes: number }
  | { kind: 'redirect'; location: string }
  /** Passes the request on, then cuts the connection instead of answering: the tenant did it, the client never hears. */
  | { kind: 'lose-answer' }
  /** Passes the answer on after a pause: a slow tenant or network. */
  | { kind: 'delay'; ms: number }
  /** Keeps the request from the tenant until `until` resolves (`onHeld` says it arrived): a slow way there. */
  | { kind: 'hold'; until: Promise<void>; onHeld?: () => void };

export class FaultyProxy {
  private server!: Server;
  private readonly faults: Array<{ match: RegExp; fault: Fault }> = [];
  readonly requests: string[] = [];
  url = '';
  private readonly target: string;

  constructor(target: string) {
    this.target = target;
  }

  static async start(target: string, port = 0): Promise<FaultyProxy> {
    const proxy = new FaultyProxy(target);
    proxy.server = createServer((req, res) => proxy.handle(req, res));
    await new Promise<void>((resolve) => proxy.server.listen(port, '127.0.0.1', () => resolve()));
    proxy.url = `http://127.0.0.1:${(proxy.server.address() as AddressInfo).port}`;
    return proxy;
  }

  /** Stop answering (clients see "connection refused"), then come back on the same port. */
  async disconnect(): Promise<void> {
    await this.close();
  }

  async reconnect(): Promise<void> {
    const port = Number(new URL(this.url).port);
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', () => resolve()));
  }

  /** The next request whose path matches gets this fault. */
  inject(match: RegExp, fault: Fault): void {
    this.faults.push({ match, fault });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    this.requests.push(`${req.method} ${req.url}`);
    const index = this.faults.findIndex((f) => f.match.test(req.url ?? ''));
    const fault = index >= 0 ? this.faults.splice(index, 1)[0]!.fault : null;
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'status') {
      res.writeHead(fault.status, { 'Content-Type': 'application/json', ...fault.headers }).end(fault.body ?? JSON.stringify({ code: 'internal', message: 'injected' }));
      return;
    }
    if (fault?.kind === 'redirect') {
      res.writeHead(302, { Location: fault.location }).end();
      return;
    }
    if (fault?.kind === 'oversize') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < fault.bytes) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('error', () => undefined);
      pump();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (fault?.kind === 'hold') {
        fault.onHeld?.();
        void fault.until.then(() => this.forward(req, res, chunks, null));
        return;
      }
      this.forward(req, res, chunks, fault);
    });
  }

  private forward(req: IncomingMessage, res: ServerResponse, chunks: Buffer[], fault: Fault | null): void {
    {
      const upstream = request(`${this.target}${req.url}`, { method: req.method, headers: { ...req.headers, host: new URL(this.target).host } }, (answer) => {
        if (!fault) {
          // Untouched answers stream through (the replication event stream never ends).
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          return;
        }
        const body: Buffer[] = [];
        answer.on('data', (c: Buffer) => body.push(c));
        answer.on('end', () => {
          let payload = Buffer.concat(body);
          const headers = { ...answer.headers };
          delete headers['content-length'];
          if (fault?.kind === 'delay') {
            setTimeout(() => res.writeHead(answer.statusCode ?? 502, headers).end(payload), fault.ms);
            return;
          }
          if (fault?.kind === 'lose-answer') {
            req.socket.destroy();
            return;
          }
          if (fault?.kind === 'malformed') payload = Buffer.from(payload.toString('utf8').slice(0, Math.max(1, payload.length / 2)));
          if (fault?.kind === 'mutate') payload = Buffer.from(JSON.stringify(fault.change(JSON.parse(payload.toString('utf8')))));
          res.writeHead(answer.statusCode ?? 502, headers).end(payload);
        });
      });
      upstream.on('error', () => res.writeHead(502).end());
      upstream.end(Buffer.concat(chunks));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}
