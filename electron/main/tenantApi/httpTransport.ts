import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { rootCertificates, getCACertificates } from 'node:tls';

/**
 * One HTTP exchange with a tenant, with the limits a hostile or broken
 * network needs: a deadline, a bounded response body, a trust store of the
 * system's CAs plus the connection's own CA, and no redirect following
 * (the client decides what to do with a 3xx).
 */
export interface HttpExchange {
  readonly method: string;
  readonly url: URL;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** A PEM CA certificate to trust in addition to the system's. */
  readonly caCertificate?: string | null;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly signal?: AbortSignal;
}

export interface HttpResult {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export type TransportFailure = 'dns' | 'refused' | 'tls' | 'timeout' | 'reset' | 'too_large' | 'aborted' | 'network';

export class TransportError extends Error {
  readonly kind: TransportFailure;
  readonly causeCode: string | undefined;

  constructor(kind: TransportFailure, message: string, causeCode?: string) {
    super(message);
    this.name = 'TransportError';
    this.kind = kind;
    this.causeCode = causeCode;
  }
}

let trustStore: string[] | null = null;
/** The system's trusted CAs (where Node can read them) and Node's bundled ones. */
function systemCas(): string[] {
  if (!trustStore) {
    let system: string[];
    try {
      system = typeof getCACertificates === 'function' ? [...getCACertificates('system')] : [];
    } catch {
      system = [];
    }
    trustStore = [...new Set([...rootCertificates, ...system])];
  }
  return trustStore;
}

/** What a connection trusts: the system's CAs, plus its own CA certificate when it has one. */
export function trustedCertificates(caCertificate: string | null | undefined): string[] {
  return caCertificate ? [...systemCas(), caCertificate] : systemCas();
}

const tlsCodes = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'EPROTO',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

export function describeNetworkError(error: unknown, url: URL): TransportError {
  if (error instanceof TransportError) return error;
  const code = (error as { code?: string }).code ?? '';
  const where = `${url.hostname}${url.port ? `:${url.port}` : ''}`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return new TransportError('dns', `The name ${url.hostname} could not be found (DNS).`, code);
  if (code === 'ECONNREFUSED') return new TransportError('refused', `Nothing answers at ${where} (connection refused). Is the tenant running?`, code);
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET') return new TransportError('reset', `The connection to ${where} was cut off.`, code);
  if (code === 'ETIMEDOUT' || code === 'ECONNABORTED') return new TransportError('timeout', `${where} did not answer in time.`, code);
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ENETDOWN') return new TransportError('network', `${where} cannot be reached from this network.`, code);
  if (tlsCodes.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL')) {
    const why =
      code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'SELF_SIGNED_CERT_IN_CHAIN' || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' || code === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'
        ? 'its certificate is not signed by a CA this computer trusts — add the tenant\'s CA certificate to the connection'
        : code === 'CERT_HAS_EXPIRED'
          ? 'its certificate has expired'
          : code === 'ERR_TLS_CERT_ALTNAME_INVALID'
            ? `its certificate is not for ${url.hostname}`
            : 'the secure connection could not be set up';
    return new TransportError('tls', `${where} is not trusted: ${why}.`, code);
  }
  return new TransportError('network', `The request to ${where} failed${code ? ` (${code})` : ''}.`, code || undefined);
}

export function sendHttp(exchange: HttpExchange): Promise<HttpResult> {
  const { url } = exchange;
  const secure = url.protocol === 'https:';
  const send = secure ? httpsRequest : httpRequest;
  return new Promise<HttpResult>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | null, result?: HttpResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      exchange.signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(result!);
    };
    const req = send(
      url,
      {
        method: exchange.method,
        headers: { Accept: 'application/json', 'User-Agent': 'Tessera', ...exchange.headers, ...(exchange.body !== undefined ? { 'Content-Length': String(Buffer.byteLength(exchange.body)) } : {}) },
        ...(secure ? { ca: trustedCertificates(exchange.caCertificate) } : {}),
        agent: false,
      },
      (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const declared = Number(response.headers['content-length'] ?? NaN);
        if (Number.isFinite(declared) && declared > exchange.maxResponseBytes) {
          finish(new TransportError('too_large', `The tenant sent a response larger than ${exchange.maxResponseBytes} bytes.`));
          response.destroy();
          return;
        }
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > exchange.maxResponseBytes) {
            // Settle first: destroying the response emits its own events.
            finish(new TransportError('too_large', `The tenant sent a response larger than ${exchange.maxResponseBytes} bytes.`));
            response.destroy();
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => finish(null, { status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on('error', (error) => finish(describeNetworkError(error, url)));
        response.on('aborted', () => finish(new TransportError('reset', 'The tenant closed the connection mid-answer.')));
      },
    );
    const deadline = setTimeout(() => {
      req.destroy();
      finish(new TransportError('timeout', `${url.host} did not answer within ${Math.round(exchange.timeoutMs / 1000)} s.`));
    }, exchange.timeoutMs);
    const onAbort = () => {
      req.destroy();
      finish(new TransportError('aborted', 'The request was cancelled.'));
    };
    exchange.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (error) => finish(describeNetworkError(error, url)));
    if (exchange.body !== undefined) req.write(exchange.body);
    req.end();
  });
}

/**
 * Opens a long-lived response (the replication event stream): resolves
 * once headers arrive, within `timeoutMs`; after that only the caller's
 * signal ends it.
 */
export function openStream(exchange: { url: URL; headers: Record<string, string>; caCertificate: string | null; timeoutMs: number; signal: AbortSignal }): Promise<IncomingMessage> {
  const { url } = exchange;
  const secure = url.protocol === 'https:';
  const send = secure ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: 'GET', headers: { 'User-Agent': 'Tessera', ...exchange.headers }, ...(secure ? { ca: trustedCertificates(exchange.caCertificate) } : {}), agent: false }, (response) => {
      clearTimeout(deadline);
      resolve(response);
    });
    const deadline = setTimeout(() => {
      req.destroy();
      reject(new TransportError('timeout', `${url.host} did not open the event stream in time.`));
    }, exchange.timeoutMs);
    const abort = () => {
      clearTimeout(deadline);
      req.destroy();
      reject(new TransportError('aborted', 'The event stream was closed.'));
    };
    if (exchange.signal.aborted) abort();
    exchange.signal.addEventListener('abort', abort, { once: true });
    req.on('error', (error) => {
      clearTimeout(deadline);
      reject(describeNetworkError(error, url));
    });
    req.end();
  });
}
