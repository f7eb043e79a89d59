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

export function createSseParser(): SseParser {
  let pending = '';
  let started = false;
  /** A CR ended the previous piece: an LF at the start of the next one belongs to it. */
  let skipLf = false;
  const data: string[] = [];
  let eventId: string | undefined;
  let eventType: string | undefined;
  /** The spec's "last event ID buffer": set by id fields, kept across events. */
  let idBuffer: string | undefined;
  /** Only a completed event makes its id the one to resume from (a cut-off event must be sent again). */
  let lastEventId: string | undefined;
  let comments = 0;
  let retryMs: number | undefined;

  // Fields are read in place, from their line's bounds in the text: a log flood brings
  // thousands of events a second, and a regex match, a slice per line and a join per event
  // were most of the deck's garbage (bench/log-flood.sh).
  const field = (text: string, from: number, to: number, out: SseEvent[]) => {
    if (from === to) {
      lastEventId = idBuffer;
      if (data.length > 0) {
        const event: SseEvent = { data: data.length === 1 ? data[0]! : data.join('\n') };
        if (eventId !== undefined) event.id = eventId;
        if (eventType !== undefined) event.event = eventType;
        out.push(event);
      }
      data.length = 0; // the event took a string, not the array: it is reused
      eventId = undefined;
      eventType = undefined;
      return;
    }
    if (text.charCodeAt(from) === 58 /* : */) {
      comments++;
      return;
    }
    let colon = text.indexOf(':', from);
    if (colon < 0 || colon >= to) colon = to;
    let valueAt = Math.min(colon + 1, to);
    if (valueAt < to && text.charCodeAt(valueAt) === 32) valueAt++;
    const nameLength = colon - from;
    if (isField(text, from, nameLength, 'data')) data.push(text.slice(valueAt, to));
    else if (isField(text, from, nameLength, 'id')) {
      const value = text.slice(valueAt, to);
      if (!value.includes('\u0000')) {
        eventId = value;
        idBuffer = value;
      }
    } else if (isField(text, from, nameLength, 'event')) eventType = text.slice(valueAt, to);
    else if (isField(text, from, nameLength, 'retry')) {
      const value = text.slice(valueAt, to);
      if (/^\d+$/.test(value)) retryMs = Number(value);
    }
    // unknown fields are ignored
  };

  /** Reads the complete lines of `text` from `from`; returns where the unfinished tail starts. */
  const lines = (text: string, from: number, out: SseEvent[]): number => {
    let start = from;
    const end = text.length;
    if (text.indexOf('\r', from) < 0) {
      for (let lf = text.indexOf('\n', start); lf >= 0; lf = text.indexOf('\n', start)) {
        field(text, start, lf, out);
        start = lf + 1;
      }
      return start;
    }
    for (let i = from; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      field(text, start, i, out);
      if (c === 13) {
        // A CR as the very last character may be the first half of a CRLF split across pieces.
        if (i + 1 === end) skipLf = true;
        else if (text.charCodeAt(i + 1) === 10) i++;
      }
      start = i + 1;
    }
    return start;
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
      let from = 0;
      if (pending !== '') {
        // Only the unfinished line is joined to the new piece, not the whole piece to it.
        const lf = text.indexOf('\n');
        const cr = text.indexOf('\r');
        const lineEnd = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
        if (lineEnd < 0) {
          pending += text;
          return out;
        }
        const head = pending + text.slice(0, lineEnd + 1);
        pending = '';
        lines(head, 0, out);
        from = lineEnd + 1;
        if (skipLf && from < text.length) {
          // The head's CR was its last character: an LF right after it in this piece belongs to it.
          skipLf = false;
          if (text.charCodeAt(from) === 10) from++;
        }
      }
      const rest = lines(text, from, out);
      pending = rest === text.length ? '' : text.slice(rest);
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

/**
 * Whether the field name at `from` is `name`. A function of its own, not a closure made per
 * field: the bundle keeps function names, which costs a property definition per closure made.
 */
function isField(text: string, from: number, nameLength: number, name: string): boolean {
  return nameLength === name.length && text.startsWith(name, from);
}
