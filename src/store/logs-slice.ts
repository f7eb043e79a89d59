// The Logs pane's state. The retained lines (a LogView) live in this closure, outside
// React state, fed by the environment's shared log stream (the LogStreams port); what the
// pane draws (`logs`) is published from a timer at most every 100 ms, and only when
// something visible changed, so an idle stream costs no redraw at all.
import type { StateCreator } from 'zustand/vanilla';
import type { Clock, LogStreams, LogStreamState } from '../services/ports.js';
import { createLogView, SOURCE_CYCLE, type LogWindow, type SourceChoice } from './log-view.js';
import { publishIntervalMs } from './publish-interval.js';

export interface LogsDeps {
  /** Where live logs come from; none means there is no platform to read them from. */
  logStreams?: LogStreams;
  clock: Clock;
  /** Lines kept per environment (default 100,000). */
  capacity?: number;
  /** Shortest time between two publishes (default 100 ms). */
  publishMs?: number;
}

/** What was lost, by cause. */
export interface LogLosses {
  /** Thrown away by the platform because the deck read too slowly (its L10/L11 notices). */
  overflow: number;
  /** Skipped by a resumed or replaced session (counted from the stream's event ids). */
  gap: number;
  /** Let go by the retention ring before any frame showed them. */
  unshown: number;
}

export interface LogHealth {
  /** 'idle' before any environment was tailed. */
  state: LogStreamState | 'idle';
  attempt: number;
  error?: string;
  since: number;
  /** Over the last 5 seconds. */
  linesPerSecond: number;
  /** Lines that arrived since this environment was tailed. */
  received: number;
  retained: number;
  /** Lines lost, all causes: the sum of `lost`. */
  dropped: number;
  lost: LogLosses;
  /** Old lines let go to stay within the retention limit. */
  evicted: number;
  /** Places where a replaced log session may have missed lines. */
  gaps: number;
}

export interface LogsSnapshot extends LogWindow {
  /** The environment whose log this is. */
  target?: string;
  health: LogHealth;
}

export interface LogPrompt {
  kind: 'filter' | 'search';
  value: string;
  /** Why Enter was refused (an invalid pattern); the prompt stays open to fix it. */
  error?: string;
}

export type LogScroll = number | 'first' | 'last' | 'page-up' | 'page-down';

export interface LogsSlice {
  logs: LogsSnapshot;
  logTarget: string | undefined;
  /** The Logs pane's content size (the pane reports it). */
  logViewport: { rows: number; cols: number };
  logPrompt: LogPrompt | undefined;
  /** Streams `env`'s log into a fresh buffer (the previous tail stops first). Same env while streaming: nothing to do. */
  tailLogs(env: string): void;
  /** Stops streaming; the lines stay on screen. */
  stopLogs(): void;
  /** The deck's own lines (deploy output) as `dynodeck[<process>]: text`, when `env` is the one shown. */
  appendLocalLog(env: string, text: string, process?: string): void;
  setLogViewport(rows: number, cols: number): void;
  toggleLogFollow(): void;
  scrollLogs(delta: LogScroll): void;
  toggleLogWrap(): void;
  setLogSource(choice: SourceChoice): void;
  /** all → app → router → heroku → web → worker → all. */
  cycleLogSource(): void;
  setLogFilter(text: string): string | undefined;
  setLogSearch(text: string): string | undefined;
  nextLogMatch(): void;
  prevLogMatch(): void;
  openLogPrompt(kind: LogPrompt['kind']): void;
  editLogPrompt(value: string): void;
  /** Enter: applies the prompt; an invalid pattern keeps it open with the reason. */
  submitLogPrompt(): void;
  /** Esc: closes the prompt; on an empty prompt it also clears the filter (or search). */
  cancelLogPrompt(): void;
}

const RATE_WINDOW_S = 5;

export const createLogsSlice =
  (deps: LogsDeps): StateCreator<LogsSlice, [], [], LogsSlice> =>
  (set, get) => {
    const { clock } = deps;
    const publishMs = deps.publishMs ?? 100;
    const view = createLogView({ capacity: deps.capacity });
    let stopFollowing: (() => void) | undefined;
    let tailToken: object | undefined;
    let received = 0;
    let overflow = 0;
    let skipped = 0;
    let health: Omit<LogHealth, 'linesPerSecond' | 'received' | 'retained' | 'dropped' | 'lost' | 'evicted' | 'gaps'> =
      {
        state: 'idle',
        attempt: 0,
        since: clock.now(),
      };
    // Lines per whole second, for the last few seconds.
    const rateSeconds = new Float64Array(RATE_WINDOW_S + 1);
    const rateCounts = new Float64Array(RATE_WINDOW_S + 1);
    let publishTimer: unknown;
    let rateTimer: unknown;
    let lastPublish = Number.NEGATIVE_INFINITY;
    let publishedRate = 0;

    const countLines = (n: number) => {
      const second = Math.floor(clock.now() / 1000);
      const slot = second % rateSeconds.length;
      if (rateSeconds[slot] !== second) {
        rateSeconds[slot] = second;
        rateCounts[slot] = 0;
      }
      rateCounts[slot]! += n;
    };
    const recentLines = (): number => {
      const second = Math.floor(clock.now() / 1000);
      let total = 0;
      for (let i = 0; i < rateSeconds.length; i++)
        if (rateSeconds[i]! > second - RATE_WINDOW_S && rateSeconds[i]! <= second) total += rateCounts[i]!;
      return total;
    };
    const linesPerSecond = () => Math.round(recentLines() / RATE_WINDOW_S);

    /** Rows for log lines: the pane's content less the status line and an open prompt. */
    const contentRows = (state: Pick<LogsSlice, 'logViewport' | 'logPrompt'> = get()) =>
      Math.max(0, state.logViewport.rows - 1 - (state.logPrompt ? 1 : 0));

    const snapshot = (state: Pick<LogsSlice, 'logViewport' | 'logPrompt' | 'logTarget'> = get()): LogsSnapshot => {
      const stats = view.stats();
      const win = view.window(contentRows(state), state.logViewport.cols);
      const rate = linesPerSecond();
      publishedRate = rate;
      const lost = { overflow, gap: skipped, unshown: stats.dropped };
      const out: LogsSnapshot = {
        ...win,
        health: {
          ...health,
          linesPerSecond: rate,
          received,
          retained: stats.retained,
          dropped: lost.overflow + lost.gap + lost.unshown,
          lost,
          evicted: stats.evicted,
          gaps: stats.gaps,
        },
      };
      const target = state.logTarget;
      if (target !== undefined) out.target = target;
      return out;
    };

    const publish = () => {
      if (publishTimer !== undefined) clock.clearTimeout(publishTimer);
      publishTimer = undefined;
      lastPublish = clock.now();
      set({ logs: snapshot() });
      // What is held now had its frame: the ring letting it go later is retention, not loss.
      view.markShown();
      watchRate();
    };

    /**
     * Something visible changed: publish now if the last publish is old enough, else once the
     * interval is up (longer during a flood, see publish-interval.ts); keys still publish at
     * once (they are not part of a flood).
     */
    const changed = () => {
      if (publishTimer !== undefined) return;
      const interval = publishIntervalMs(Math.max(publishedRate, linesPerSecond()), publishMs);
      const wait = lastPublish + interval - clock.now();
      if (wait <= 0) publish();
      else publishTimer = clock.setTimeout(publish, wait);
    };

    /** While lines arrived in the last seconds the rate shown decays; once it is 0 nothing is scheduled. */
    const watchRate = () => {
      if (rateTimer !== undefined || recentLines() === 0) return;
      rateTimer = clock.setTimeout(
        () => {
          rateTimer = undefined;
          if (linesPerSecond() !== publishedRate) changed();
          else watchRate();
        },
        1000 - (clock.now() % 1000),
      );
    };

    const stopTail = () => {
      const stop = stopFollowing;
      stopFollowing = undefined;
      tailToken = undefined;
      stop?.();
    };

    const resetRate = () => {
      rateSeconds.fill(0);
      rateCounts.fill(0);
    };

    const initial = { logTarget: undefined, logViewport: { rows: 0, cols: 0 }, logPrompt: undefined };
    return {
      ...initial,
      logs: snapshot(initial),

      tailLogs(env) {
        if (env === get().logTarget && stopFollowing) return;
        stopTail();
        view.clear();
        resetRate();
        received = overflow = skipped = 0;
        set({ logTarget: env });
        const token = {};
        tailToken = token;
        if (!deps.logStreams) {
          health = { state: 'stopped', attempt: 0, since: clock.now(), error: 'no platform is configured' };
          changed();
          return;
        }
        health = { state: 'connecting', attempt: 0, since: clock.now() };
        const stop = deps.logStreams.follow(env, {
          onLines: (lines) => {
            if (tailToken !== token) return;
            view.append(lines);
            received += lines.length;
            countLines(lines.length);
            changed();
          },
          onGap: (gap) => {
            if (tailToken !== token) return;
            view.appendGap(gap);
            changed();
          },
          onLoss: (loss) => {
            if (tailToken !== token) return;
            if (loss.cause === 'overflow') overflow += loss.lines;
            else skipped += loss.lines;
            changed();
          },
          onStatus: (status) => {
            if (tailToken !== token) return;
            health =
              status.error === undefined
                ? { state: status.state, attempt: status.attempt, since: status.since }
                : { state: status.state, attempt: status.attempt, since: status.since, error: status.error };
            changed();
          },
        });
        // A stream already open answers during follow(): keep the handle only if this tail is still the current one.
        if (tailToken === token) stopFollowing = stop;
        else stop();
        changed();
      },

      stopLogs() {
        if (!stopFollowing) return;
        stopTail();
        health = { state: 'stopped', attempt: 0, since: clock.now() };
        changed();
      },

      appendLocalLog(env, text, process = 'deploy') {
        if (env !== get().logTarget) return;
        const stamp = new Date(clock.now()).toISOString().replace('Z', '000+00:00');
        const lines = text.split(/\r\n|\r|\n/);
        if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
        view.append(lines.map((line) => `${stamp} dynodeck[${process}]: ${line}`));
        received += lines.length;
        countLines(lines.length);
        changed();
      },

      setLogViewport(rows, cols) {
        const current = get().logViewport;
        if (current.rows === rows && current.cols === cols) return;
        set({ logViewport: { rows, cols } });
        changed();
      },

      toggleLogFollow() {
        view.toggleFollow();
        publish(); // a key: shown at once, even during a flood
      },
      scrollLogs(delta) {
        const page = Math.max(1, contentRows() - 1);
        view.scroll(delta === 'page-up' ? -page : delta === 'page-down' ? page : delta);
        publish(); // a key: shown at once, even during a flood
      },
      toggleLogWrap() {
        view.toggleWrap();
        publish(); // a key: shown at once, even during a flood
      },
      setLogSource(choice) {
        view.setSource(choice);
        publish(); // a key: shown at once, even during a flood
      },
      cycleLogSource() {
        const i = SOURCE_CYCLE.indexOf(view.source);
        view.setSource(SOURCE_CYCLE[(i + 1) % SOURCE_CYCLE.length]!);
        publish(); // a key: shown at once, even during a flood
      },
      setLogFilter(text) {
        const error = view.setFilter(text);
        publish(); // a key: shown at once, even during a flood
        return error;
      },
      setLogSearch(text) {
        const error = view.setSearch(text);
        publish(); // a key: shown at once, even during a flood
        return error;
      },
      nextLogMatch() {
        view.next();
        publish(); // a key: shown at once, even during a flood
      },
      prevLogMatch() {
        view.prev();
        publish(); // a key: shown at once, even during a flood
      },

      openLogPrompt(kind) {
        view.dismissErrors();
        set({ logPrompt: { kind, value: '' } });
        publish(); // a key: shown at once, even during a flood
      },
      editLogPrompt(value) {
        const prompt = get().logPrompt;
        if (!prompt || prompt.value === value) return;
        set({ logPrompt: { kind: prompt.kind, value } });
      },
      submitLogPrompt() {
        const prompt = get().logPrompt;
        if (!prompt) return;
        const error = prompt.kind === 'filter' ? view.setFilter(prompt.value) : view.setSearch(prompt.value);
        if (error) set({ logPrompt: { ...prompt, error } });
        else set({ logPrompt: undefined });
        publish(); // a key: shown at once, even during a flood
      },
      cancelLogPrompt() {
        const prompt = get().logPrompt;
        if (!prompt) return;
        if (prompt.value === '') {
          if (prompt.kind === 'filter') view.setFilter('');
          else view.setSearch('');
        }
        view.dismissErrors();
        set({ logPrompt: undefined });
        publish(); // a key: shown at once, even during a flood
      },
    };
  };
