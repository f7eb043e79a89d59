// The live log of one environment: only the rows that fit (published by the logs slice
// at most every 100 ms), a prompt line while a filter or search is typed, and a status
// line that says whether the stream is alive, how fast it runs and what is hidden.
// In a real terminal the rows and the status line are written by the row writer
// (direct-log-rows.tsx), so a publish costs no Ink frame; Ink draws them itself in tests
// and whenever a dialog covers the pane. Under an overlay or dialog the rows hold still
// until it closes: each publish would otherwise be a full-screen Ink frame (10 a second in
// a flood), and the key that closes the overlay would wait behind them. Under an overlay
// (the key list, a detail view) the row writer keeps the rows and writes them around it,
// so opening and closing one costs Ink no log rows.
import { memo, useEffect, useRef } from 'react';
import { Box, type DOMElement } from 'ink';
import { Text } from './Text.js';
import { useDeck, useDeckStore, useTheme } from './deck-context.js';
import { Pane } from './Pane.js';
import { EmptyState } from './EmptyState.js';
import { paneContentHeight, paneContentWidth, type PaneBox } from './present/deck-layout.js';
import { sanitizeLine } from '../logs/sanitize.js';
import type { SegmentStyle } from '../logs/display-line.js';
import type { DeckState } from '../store/deck-state.js';
import type { LogPrompt, LogsSlice, LogsSnapshot } from '../store/logs-slice.js';
import type { LogRow } from '../store/log-view.js';
import type { Theme } from './theme.js';
import type { StyledRun } from './present/ansi-row.js';
import { useDirectLogRows, type DirectLogRows } from './direct-log-rows.js';

/** Reads the logs slice (a no-op cast once DeckState includes LogsSlice). */
function useLogs<T>(selector: (state: LogsSlice) => T): T {
  return useDeck(selector as unknown as (state: DeckState) => T);
}

export const LogsPane = memo(function LogsPane(props: { box: PaneBox }) {
  const store = useDeckStore();
  const direct = useDirectLogRows();
  const focused = useDeck((s) => s.focus === 'logs');
  // Primitives only: a publish of new rows must not re-render the pane when the row writer draws them.
  const target = useLogs((s) => s.logs.target);
  const hasRows = useLogs((s) => s.logs.rows.length > 0);
  // What covers the pane: an overlay or a dialog, by identity (each one opened is a new object).
  const cover = useDeck((s) => (s.overlay.kind !== 'none' ? s.overlay : s.dialog));
  const covered = cover !== undefined;
  const dialog = useDeck((s) => s.dialog !== undefined);
  const prompt = useLogs((s) => s.logPrompt);
  const height = paneContentHeight(props.box);
  const width = paneContentWidth(props.box);

  useEffect(() => {
    (store.getState() as unknown as LogsSlice).setLogViewport(height, width);
  }, [store, height, width]);

  // What the rows showed when the pane was covered (kept here: the pane's body remounts on focus changes).
  // Taken again for each new cover and each other environment: keys that close one and open
  // another before a frame is drawn (Esc, g, Enter) must not keep the rows of the environment
  // shown before under the title of the one shown now.
  const held = useRef<LogsSnapshot | undefined>(undefined);
  const heldFor = useRef<unknown>(undefined);
  if (!covered) held.current = heldFor.current = undefined;
  else if (heldFor.current !== cover || held.current?.target !== target) {
    heldFor.current = cover;
    held.current = (store.getState() as unknown as LogsSlice).logs;
  }

  const bodyHeight = Math.max(0, height - 1 - (prompt ? 1 : 0));
  let content;
  if (target === undefined) {
    content = (
      <Box flexDirection="column" height={bodyHeight} overflow="hidden">
        <EmptyState
          width={width}
          title="No log stream"
          lines={['Select an environment; its live logs stream here (l on the Environments pane).']}
        />
      </Box>
    );
  } else if (direct && !dialog && (held.current ? held.current.rows.length > 0 : hasRows)) {
    content = <DirectRows bodyHeight={bodyHeight} prompt={prompt} direct={direct} held={held} />;
  } else content = <InkRows bodyHeight={bodyHeight} prompt={prompt} still={held.current} />;

  return (
    <Pane number={3} title="Logs" info={target ? sanitizeLine(target) : undefined} focused={focused} box={props.box}>
      {content}
    </Pane>
  );
});

/**
 * Rows and status line drawn by Ink (tests, and whenever something covers the pane).
 * `still`: the rows to show instead of each publish (those of when the pane was covered).
 */
function InkRows(props: { bodyHeight: number; prompt: LogPrompt | undefined; still: LogsSnapshot | undefined }) {
  const theme = useTheme();
  const live = useLogs((s) => (props.still ? undefined : s.logs));
  const logs = props.still ?? live!;
  const noRelease = useDeck((s) => {
    const env = s.environments.find((e) => e.name === logs.target);
    return env !== undefined && env.release === undefined;
  });
  const body =
    logs.rows.length === 0 ? (
      <Text color={theme.muted} wrap="truncate-end">
        {emptyMessage(logs, noRelease)}
      </Text>
    ) : (
      logs.rows.map((row, i) => <LogRowView key={`${row.seq}:${i}`} row={row} theme={theme} />)
    );
  return (
    <>
      <Box flexDirection="column" height={props.bodyHeight} overflow="hidden">
        {body}
      </Box>
      {props.prompt ? <PromptLine prompt={props.prompt} theme={theme} /> : null}
      <StatusLine logs={logs} theme={theme} />
    </>
  );
}

/**
 * Rows and status line left blank for Ink and written by the row writer (see direct-log-rows.tsx).
 * `held`: the rows to show while an overlay covers the pane (they hold still until it closes).
 */
function DirectRows(props: {
  bodyHeight: number;
  prompt: LogPrompt | undefined;
  direct: DirectLogRows;
  held: { readonly current: LogsSnapshot | undefined };
}) {
  const theme = useTheme();
  const store = useDeckStore();
  const { direct, held } = props;
  const body = useRef<DOMElement>(null);
  const status = useRef<DOMElement>(null);

  useEffect(() => {
    if (!body.current || !status.current) return;
    const logsOf = () => (store.getState() as unknown as LogsSlice).logs;
    const detach = direct.attach({
      body: body.current,
      status: status.current,
      rows: () => styledRows(held.current ?? logsOf(), theme),
    });
    let shown = logsOf();
    const unsubscribe = store.subscribe(() => {
      const now = logsOf();
      if (now === shown || held.current) return;
      shown = now;
      direct.refresh();
    });
    return () => {
      unsubscribe();
      detach();
    };
  }, [direct, store, theme, held]);

  return (
    <>
      <Box ref={body} height={props.bodyHeight} />
      {props.prompt ? <PromptLine prompt={props.prompt} theme={theme} /> : null}
      <Box ref={status} height={1} />
    </>
  );
}

/** What the row writer draws: each row's runs styled as Ink would style them. */
export function styledRows(logs: LogsSnapshot, theme: Theme): { body: StyledRun[][]; status: StyledRun[] } {
  return {
    body: logs.rows.map((row) =>
      row.segments.map((segment) => ({
        text: segment.text,
        ...segmentProps(segment.style, theme),
        ...(row.current ? { underline: true } : {}),
      })),
    ),
    status: statusParts(logs).map((part, i) => ({
      text: `${i === 0 ? '' : '  '}${part.text}`,
      color: toneColor(part.tone, theme),
      bold: part.tone === 'strong',
    })),
  };
}

function LogRowView(props: { row: LogRow; theme: Theme }) {
  return (
    <Text wrap="truncate-end" underline={props.row.current === true}>
      {props.row.segments.map((segment, i) => (
        <Text key={i} {...segmentProps(segment.style, props.theme)}>
          {segment.text}
        </Text>
      ))}
    </Text>
  );
}

export function segmentProps(style: SegmentStyle, theme: Theme): { color?: string; inverse?: boolean; bold?: boolean } {
  switch (style) {
    case 'time':
      return { color: theme.muted };
    case 'source':
      return { color: theme.accent };
    case 'error':
      // Without colour an error still stands out.
      return { color: theme.error, bold: !theme.color };
    case 'warn':
      return { color: theme.warning };
    case 'match':
      return { inverse: true };
    case 'gap':
      return { color: theme.warning, bold: true };
    default:
      return {};
  }
}

function PromptLine(props: { prompt: LogPrompt; theme: Theme }) {
  const { prompt, theme } = props;
  return (
    <Text wrap="truncate-end">
      <Text bold color={theme.accent}>
        {prompt.kind === 'filter' ? 'filter /' : 'search \\'}
      </Text>
      {sanitizeLine(prompt.value)}
      <Text inverse> </Text>
      {prompt.error ? (
        <Text color={theme.error}>{`  ${prompt.error}`}</Text>
      ) : (
        <Text color={theme.muted}>{'  Enter apply · Esc cancel'}</Text>
      )}
    </Text>
  );
}

const STATE_WORDS = {
  idle: 'idle',
  connecting: 'connecting',
  connected: 'connected',
  reconnecting: 'reconnecting',
  stopped: 'stopped',
} as const;

/** The status line's parts, in order; pure so its wording can be tested without Ink. */
export function statusParts(
  logs: LogsSnapshot,
): Array<{ text: string; tone?: 'ok' | 'warn' | 'error' | 'muted' | 'strong' }> {
  const h = logs.health;
  const parts: Array<{ text: string; tone?: 'ok' | 'warn' | 'error' | 'muted' | 'strong' }> = [];
  const stateTone =
    h.state === 'connected' ? 'ok' : h.state === 'reconnecting' ? 'warn' : h.state === 'stopped' ? 'error' : 'muted';
  let state = `● ${STATE_WORDS[h.state]}`;
  if (h.state === 'reconnecting') state += ` (attempt ${h.attempt}${h.error ? `: ${sanitizeLine(h.error)}` : ''})`;
  parts.push({ text: state, tone: stateTone });
  // What the user set comes first, so a narrow pane cuts the counters, not the filter.
  if (h.dropped > 0) parts.push({ text: `${count(h.dropped)} dropped`, tone: 'error' });
  parts.push({ text: logs.follow ? 'FOLLOW' : 'PAUSED', tone: logs.follow ? 'ok' : 'warn' });
  if (logs.filter)
    parts.push({ text: `filter: /${sanitizeLine(logs.filter)}/ ${count(logs.shown)} shown`, tone: 'strong' });
  if (logs.search) {
    const where =
      logs.matchIndex !== undefined
        ? `${count(logs.matchIndex)}/${count(logs.matchCount)}`
        : `${count(logs.matchCount)} ${logs.matchCount === 1 ? 'match' : 'matches'}`;
    parts.push({ text: `search: /${sanitizeLine(logs.search)}/ ${where}`, tone: 'strong' });
  }
  if (logs.source !== 'all') parts.push({ text: `source: ${logs.source}`, tone: 'strong' });
  if (logs.wrap) parts.push({ text: 'wrap' });
  if (h.gaps > 0) parts.push({ text: `${count(h.gaps)} ${h.gaps === 1 ? 'gap' : 'gaps'}`, tone: 'warn' });
  parts.push({ text: `${count(h.linesPerSecond)} lines/s` });
  parts.push({ text: `${count(h.retained)} retained` });
  if (h.dropped === 0) parts.push({ text: '0 dropped' });
  // Once the ring has let lines go, how many came in all (last: a narrow pane cuts it first).
  if (h.received > h.retained) parts.push({ text: `${count(h.received)} received` });
  return parts;
}

function toneColor(tone: string | undefined, theme: Theme): string | undefined {
  return tone === 'ok'
    ? theme.ok
    : tone === 'warn'
      ? theme.warning
      : tone === 'error'
        ? theme.error
        : tone === 'muted'
          ? theme.muted
          : undefined;
}

function StatusLine(props: { logs: LogsSnapshot; theme: Theme }) {
  const { theme } = props;
  return (
    <Text wrap="truncate-end">
      {statusParts(props.logs).map((part, i) => (
        <Text key={i} color={toneColor(part.tone, theme)} bold={part.tone === 'strong'}>
          {i === 0 ? '' : '  '}
          {part.text}
        </Text>
      ))}
    </Text>
  );
}

function emptyMessage(logs: LogsSnapshot, noRelease: boolean): string {
  const target = sanitizeLine(logs.target ?? '');
  const h = logs.health;
  if (logs.retained === 0) {
    if (noRelease && h.state === 'connected')
      return `${target} has no release yet, so nothing runs there to log (d on the Environments pane deploys to it).`;
    if (h.state === 'connecting') return `Connecting to ${target}'s log stream…`;
    if (h.state === 'reconnecting') return `Reconnecting to ${target}'s log stream (attempt ${h.attempt})…`;
    if (h.state === 'stopped') return `The log stream of ${target} is stopped.`;
    return `Waiting for ${target}'s first log line…`;
  }
  const source = logs.source === 'all' ? '' : `${logs.source} `;
  if (logs.filter.startsWith('!'))
    return `every ${source}line of ${count(logs.retained)} matches /${sanitizeLine(logs.filter.slice(1))}/`;
  if (logs.filter) return `no ${source}line of ${count(logs.retained)} matches /${sanitizeLine(logs.filter)}/`;
  if (source) return `no ${source}line among ${count(logs.retained)}`;
  return '';
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
