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
  /**
   * Parses the next piece of a log stream without making event objects: each non-empty
   * `data:` line of every completed event goes to `lines`, and beside it, in `ids`, its
   * event's id when that is a decimal counter (undefined otherwise).
   */
  pushLines(chunk: string, lines: string[], ids: Array<number | undefined>): void;
  /** The id to resume from: the last id of a completed event (persists across events, as the spec says). */
  readonly lastEventId: string | undefined;
  /** How many comment lines (`: keep-alive`) arrived: a sign the server keeps the stream alive. */
  readonly comments: number;
  /** The `retry:` field's value, when the server sent one. */
  readonly retryMs: number | undefined;
}

/** Where an id field's value is: its text is cut out only when someone asks for it. */
interface IdValue {
  text: string;
  from: number;
  to: number;
  /** The value as a number when it is a decimal counter. */
  counter: number | undefined;
}

export function createSseParser(): SseParser {
  let pending = '';
  let started = false;
  /** A CR ended the previous piece: an LF at the start of the next one belongs to it. */
  let skipLf = false;
  const data: string[] = [];
  /** This event's own id field, when it had one. */
  let eventId: IdValue | undefined;
  let eventType: string | undefined;
  /** The spec's "last event ID buffer": set by id fields, kept across events. */
  let idBuffer: IdValue | undefined;
  /** Only a completed event makes its id the one to resume from (a cut-off event must be sent again). */
  let lastId: IdValue | undefined;
  let lastIdText: { of: IdValue; text: string } | undefined;
  let comments = 0;
  let retryMs: number | undefined;
  // Where completed events go: event objects (push) or lines and ids (pushLines).
  let outEvents: SseEvent[] | undefined;
  let outLines: string[] = [];
  let outIds: Array<number | undefined> = [];

  const dispatch = () => {
    lastId = idBuffer;
    if (data.length > 0) {
      if (outEvents) {
        const event: SseEvent = { data: data.length === 1 ? data[0]! : data.join('\n') };
        if (eventId !== undefined) event.id = idText(eventId);
        if (eventType !== undefined) event.event = eventType;
        outEvents.push(event);
      } else {
        const counter = eventId?.counter;
        for (let i = 0; i < data.length; i++) {
          const value = data[i]!;
          if (value === '') continue;
          outLines.push(value);
          outIds.push(counter);
        }
      }
    }
    data.length = 0; // the event took its strings, not the array: it is reused
    eventId = undefined;
    eventType = undefined;
  };

  // Fields are read in place, from their line's bounds in the text: a log flood brings
  // thousands of events a second, and a regex match, a slice per line and a join per event
  // were most of the deck's garbage (bench/log-flood.sh).
  const field = (text: string, from: number, to: number) => {
    if (from === to) return dispatch();
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
      const nul = text.indexOf('\u0000', valueAt);
      if (nul < 0 || nul >= to) {
        eventId = { text, from: valueAt, to, counter: decimalCounter(text, valueAt, to) };
        idBuffer = eventId;
      }
    } else if (isField(text, from, nameLength, 'event')) eventType = text.slice(valueAt, to);
    else if (isField(text, from, nameLength, 'retry')) {
      const value = text.slice(valueAt, to);
      if (/^\d+$/.test(value)) retryMs = Number(value);
    }
    // unknown fields are ignored
  };

  /** Reads the complete lines of `text` from `from`; returns where the unfinished tail starts. */
  const lines = (text: string, from: number): number => {
    let start = from;
    const end = text.length;
    if (text.indexOf('\r', from) < 0) {
      for (let lf = text.indexOf('\n', start); lf >= 0; lf = text.indexOf('\n', start)) {
        field(text, start, lf);
        start = lf + 1;
      }
      return start;
    }
    for (let i = from; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      field(text, start, i);
      if (c === 13) {
        // A CR as the very last character may be the first half of a CRLF split across pieces.
        if (i + 1 === end) skipLf = true;
        else if (text.charCodeAt(i + 1) === 10) i++;
      }
      start = i + 1;
    }
    return start;
  };

  const parse = (chunk: string) => {
    if (chunk === '') return;
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
        return;
      }
      const head = pending + text.slice(0, lineEnd + 1);
      pending = '';
      lines(head, 0);
      from = lineEnd + 1;
      if (skipLf && from < text.length) {
        // The head's CR was its last character: an LF right after it in this piece belongs to it.
        skipLf = false;
        if (text.charCodeAt(from) === 10) from++;
      }
    }
    const rest = lines(text, from);
    pending = rest === text.length ? '' : text.slice(rest);
  };

  return {
    push(chunk) {
      const out: SseEvent[] = [];
      outEvents = out;
      try {
        parse(chunk);
      } finally {
        outEvents = undefined;
      }
      return out;
    },
    pushLines(chunk, into, ids) {
      outLines = into;
      outIds = ids;
      parse(chunk);
      outLines = [];
      outIds = [];
    },
    get lastEventId() {
      if (lastId === undefined) return undefined;
      if (lastIdText?.of !== lastId) lastIdText = { of: lastId, text: idText(lastId) };
      return lastIdText.text;
    },
    get comments() {
      return comments;
    },
    get retryMs() {
      return retryMs;
    },
  };
}

function idText(id: IdValue): string {
  return id.text.slice(id.from, id.to);
}

/** A decimal id of up to 15 digits as a number (beyond that, or with any other character, it counts nothing). */
function decimalCounter(text: string, from: number, to: number): number | undefined {
  if (to === from || to - from > 15) return undefined;
  let n = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    n = n * 10 + digit;
  }
  return n;
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
