// Database figures in words, in the units people read them in: GiB for storage and memory (RDS
// reports bytes), ms for latency, whole percent for CPU. Used by the alarm texts and the screens.

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

function trimmed(n: number, digits: number): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }).format(n);
}

/** 21474836480 → '20 GiB', 1610612736 → '1.5 GiB'; below 1 GiB in MiB. */
export function formatBytes(bytes: number): string {
  if (Math.abs(bytes) >= GIB) return `${trimmed(bytes / GIB, Math.abs(bytes) >= 100 * GIB ? 0 : 1)} GiB`;
  return `${trimmed(bytes / MIB, 0)} MiB`;
}

/** 0.0042 ms → '0.004 ms', 3.25 → '3.3 ms', 1840 → '1,840 ms'. */
export function formatMs(ms: number): string {
  const abs = Math.abs(ms);
  return `${trimmed(ms, abs >= 100 ? 0 : abs >= 1 ? 1 : 3)} ms`;
}

export function formatPercent(percent: number): string {
  return `${trimmed(percent, percent < 10 ? 1 : 0)}%`;
}

export function formatCount(n: number): string {
  return trimmed(n, n < 10 ? 1 : 0);
}
