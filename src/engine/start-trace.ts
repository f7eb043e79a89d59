// Where an engine start spends its time: marks on the way from the process's launch to the
// API answering with every environment back. The summary always goes to the engine's log
// (one line); each mark too when DYNODECK_ENGINE_TRACE=1 (bench/demo-start.sh sets it).
import { performance } from 'node:perf_hooks';

export interface StartTrace {
  /** Notes that `label` is done now. */
  mark(label: string): void;
  /** The one-line summary: the process's age and every mark's time since launch. */
  summary(): string;
}

export function createStartTrace(write: (line: string) => void, detailed = traceWanted(process.env)): StartTrace {
  const marks: Array<{ label: string; atMs: number }> = [];
  // performance.now() counts from the process's start, so module loading is in the figures.
  const at = () => Math.round(performance.now());
  return {
    mark(label) {
      const atMs = at();
      marks.push({ label, atMs });
      if (detailed) write(`start: ${label} at ${atMs} ms`);
    },
    summary() {
      return `started in ${at()} ms since launch (${marks.map((m) => `${m.label} ${m.atMs}`).join(', ')})`;
    },
  };
}

export function traceWanted(env: NodeJS.ProcessEnv): boolean {
  return env.DYNODECK_ENGINE_TRACE === '1';
}
