import { redact, redactString } from './redact.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger whose lines all carry `scope`. */
  child(scope: string): Logger;
}

/** Where finished log lines go (a file, the console, a test's array). */
export type LogSink = (line: string) => void;

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * Structured JSON-lines logger. Every message and field goes through
 * `redact` first, so a credential passed by mistake is never written.
 */
export function createLogger(sink: LogSink, options: { level?: LogLevel; scope?: string; now?: () => Date } = {}): Logger {
  const minimum = order[options.level ?? 'info'];
  const now = options.now ?? (() => new Date());
  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (order[level] < minimum) return;
    const entry = {
      at: now().toISOString(),
      level,
      ...(options.scope ? { scope: options.scope } : {}),
      message: redactString(message),
      ...(fields ? (redact(fields) as Record<string, unknown>) : {}),
    };
    sink(JSON.stringify(entry));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (scope) =>
      createLogger(sink, { ...options, scope: options.scope ? `${options.scope}.${scope}` : scope }),
  };
}
