/**
 * Incremental parser for `text/event-stream` (the replication stream):
 * feed it text chunks as they arrive, get complete events back. Comment
 * lines (`: ping`) are reported as keep-alives.
 */
export interface SseEvent {
  readonly event: string;
  readonly data: string;
  readonly id?: string;
}

export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private id: string | undefined;
  /** Refuse an event larger than this (a hostile or broken server). */
  private readonly maxEventBytes: number;

  constructor(maxEventBytes = 16 * 1024 * 1024) {
    this.maxEventBytes = maxEventBytes;
  }

  /** Returns the events completed by this chunk; `keepAlive` counts comment lines. */
  push(chunk: string): { events: SseEvent[]; keepAlive: number } {
    this.buffer += chunk;
    if (this.buffer.length > this.maxEventBytes) throw new Error('event stream: an event exceeds the size limit');
    const events: SseEvent[] = [];
    let keepAlive = 0;
    for (;;) {
      const newline = this.buffer.search(/\r\n|\r|\n/);
      if (newline < 0) break;
      const line = this.buffer.slice(0, newline);
      const skip = this.buffer.startsWith('\r\n', newline) ? 2 : 1;
      this.buffer = this.buffer.slice(newline + skip);
      if (line === '') {
        if (this.data.length > 0) events.push({ event: this.event || 'message', data: this.data.join('\n'), ...(this.id !== undefined ? { id: this.id } : {}) });
        this.data = [];
        this.event = '';
        continue;
      }
      if (line.startsWith(':')) {
        keepAlive += 1;
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'data') this.data.push(value);
      else if (field === 'event') this.event = value;
      else if (field === 'id') this.id = value;
    }
    return { events, keepAlive };
  }
}
