// The live log of one environment: only the rows that fit (published by the logs slice
// at most every 100 ms), a prompt line while a filter or search is typed, and a status
// line that says whether the stream is alive, how fast it runs and what is hidden.
import { useEffect } from 'react';
import { Box } from 'ink';
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

/** Reads the logs slice (a no-op cast once DeckState includes LogsSlice). */
function useLogs<T>(selector: (state: LogsSlice) => T): T {
  return useDeck(selector as unknown as (state: DeckState) => T);
}

export function LogsPane(props: { box: PaneBox }) {
  const theme = useTheme();
  const store = useDeckStore();
  const focused = useDeck((s) => s.focus === 'logs');
  const logs = useLogs((s) => s.logs);
  const prompt = useLogs((s) => s.logPrompt);
  const height = paneContentHeight(props.box);
  const width = paneContentWidth(props.box);

  useEffect(() => {
    (store.getState() as unknown as LogsSlice).setLogViewport(height, width);
  }, [store, height, width]);

  const target = logs.target;
  const bodyHeight = Math.max(0, height - 1 - (prompt ? 1 : 0));
  let body;
  if (target === undefined) {
    body = (
      <EmptyState
        width={width}
        title="No log stream"
        lines={['Select an environment; its live logs stream here (l on the Environments pane).']}
      />
    );
  } else if (logs.rows.length === 0) {
    body = (
      <Text color={theme.muted} wrap="truncate-end">
        {emptyMessage(logs)}
      </Text>
    );
  } else {
    body = logs.rows.map((row, i) => <LogRowView key={`${row.seq}:${i}`} row={row} theme={theme} />);
  }

  return (
    <Pane number={3} title="Logs" info={target ? sanitizeLine(target) : undefined} focused={focused} box={props.box}>
      <Box flexDirection="column" height={bodyHeight} overflow="hidden">
        {body}
      </Box>
      {prompt ? <PromptLine prompt={prompt} theme={theme} /> : null}
      {target !== undefined ? <StatusLine logs={logs} theme={theme} /> : null}
    </Pane>
  );
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

function StatusLine(props: { logs: LogsSnapshot; theme: Theme }) {
  const { theme } = props;
  const color = (tone: string | undefined) =>
    tone === 'ok'
      ? theme.ok
      : tone === 'warn'
        ? theme.warning
        : tone === 'error'
          ? theme.error
          : tone === 'muted'
            ? theme.muted
            : undefined;
  return (
    <Text wrap="truncate-end">
      {statusParts(props.logs).map((part, i) => (
        <Text key={i} color={color(part.tone)} bold={part.tone === 'strong'}>
          {i === 0 ? '' : '  '}
          {part.text}
        </Text>
      ))}
    </Text>
  );
}

function emptyMessage(logs: LogsSnapshot): string {
  const target = sanitizeLine(logs.target ?? '');
  const h = logs.health;
  if (logs.retained === 0) {
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
