// Incremental readers for a log session's body: server-sent events (per the HTML
// spec's "event stream interpretation") and plain text lines. Both take text in
// whatever pieces the network delivers and keep the unfinished tail for the next one.

export interface SseEvent {
  /** The `id:` field of this event, when it had one. */
  id?: string;
  /** The `event:` field, when it had one. */
  event?: string;
  /** Every `data:` field of the event, joined with `\n`. */
  data: string;
}

export interface SseParser {
  /** Parses the next piece of the stream; returns the events it completed. */
  push(chunk: string): SseEvent[];
  /** The id to resume from: the last id of a completed event (persists across events, as the spec says). */
  readonly lastEventId: string | undefined;
  /** How many comment lines (`: keep-alive`) arrived: a sign the server keeps the stream alive. */
  readonly comments: number;
  /** The `retry:` field's value, when the server sent one. */
  readonly retryMs: number | undefined;
}

const LINE_END = /\r\n|\r|\n/g;

export function createSseParser(): SseParser {
  let pending = '';
  let started = false;
  /** A CR ended the previous piece: an LF at the start of the next one belongs to it. */
  let skipLf = false;
  let data: string[] = [];
  let eventId: string | undefined;
  let eventType: string | undefined;
  /** The spec's "last event ID buffer": set by id fields, kept across events. */
  let idBuffer: string | undefined;
  /** Only a completed event makes its id the one to resume from (a cut-off event must be sent again). */
  let lastEventId: string | undefined;
  let comments = 0;
  let retryMs: number | undefined;

  const field = (line: string, out: SseEvent[]) => {
    if (line === '') {
      lastEventId = idBuffer;
      if (data.length > 0) {
        const event: SseEvent = { data: data.join('\n') };
        if (eventId !== undefined) event.id = eventId;
        if (eventType !== undefined) event.event = eventType;
        out.push(event);
      }
      data = [];
      eventId = undefined;
      eventType = undefined;
      return;
    }
    if (line.charCodeAt(0) === 58 /* : */) {
      comments++;
      return;
    }
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    switch (name) {
      case 'data':
        data.push(value);
        break;
      case 'id':
        if (!value.includes('\u0000')) {
          eventId = value;
          idBuffer = value;
        }
        break;
      case 'event':
        eventType = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) retryMs = Number(value);
        break;
      default:
        break; // unknown fields are ignored
    }
  };

  return {
    push(chunk) {
      const out: SseEvent[] = [];
      if (chunk === '') return out;
      let text = chunk;
      if (skipLf) {
        skipLf = false;
        if (text.charCodeAt(0) === 10) text = text.slice(1);
      }
      if (!started && text.length > 0) {
        started = true;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      const buffer = pending + text;
      LINE_END.lastIndex = 0;
      let start = 0;
      for (let m = LINE_END.exec(buffer); m; m = LINE_END.exec(buffer)) {
        // A CR as the very last character may be the first half of a CRLF split across pieces.
        if (m[0] === '\r' && m.index === buffer.length - 1) skipLf = true;
        field(buffer.slice(start, m.index), out);
        start = m.index + m[0].length;
      }
      pending = buffer.slice(start);
      return out;
    },
    get lastEventId() {
      return lastEventId;
    },
    get comments() {
      return comments;
    },
    get retryMs() {
      return retryMs;
    },
  };
}

export interface LineSplitter {
  /** The complete lines in this piece (the last, unfinished one waits for the next piece). */
  push(chunk: string): string[];
  /** The unfinished last line, when the stream ends without a newline. */
  flush(): string[];
}

/** Lines of a `text/plain` stream: LF or CRLF endings. */
export function createLineSplitter(): LineSplitter {
  let pending = '';
  return {
    push(chunk) {
      if (chunk === '') return [];
      const parts = (pending + chunk).split('\n');
      pending = parts.pop() ?? '';
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i]!;
        if (part.endsWith('\r')) parts[i] = part.slice(0, -1);
      }
      return parts;
    },
    flush() {
      const rest = pending.endsWith('\r') ? pending.slice(0, -1) : pending;
      pending = '';
      return rest === '' ? [] : [rest];
    },
  };
}
