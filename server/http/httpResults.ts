import type { ServerResponse } from 'node:http';
import type { ApiError } from '../domain/apiError.ts';
import type { HandlerResult } from './handlers.ts';

/** Writes a handler's result as JSON (or an empty body), with the headers every answer carries. */
export function send(response: ServerResponse, result: HandlerResult): void {
  if (response.headersSent) return;
  const headers: Record<string, string> = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...result.headers };
  if (result.body === undefined || result.status === 204) {
    response.writeHead(result.status, headers).end();
    return;
  }
  const text = JSON.stringify(result.body);
  response.writeHead(result.status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) }).end(text);
}

/** An error as the API answers it: `{ code, message, details? }` with the code's status. */
export function errorResult(error: ApiError, headers?: Record<string, string>): HandlerResult {
  return { status: error.status, body: { code: error.code, message: error.message, ...(error.details !== undefined ? { details: error.details } : {}) }, ...(headers ? { headers } : {}) };
}
