// The lines of an environment's detail view.
import type { EnvironmentSnapshot } from '../../services/ports.js';
import type { EnvironmentDetail } from '../../store/dialog-slice.js';
import type { DetailLine } from './ticket-detail-lines.js';
import { ageLabel, versionLabel } from './release-labels.js';
import { sanitizeLine } from '../../logs/sanitize.js';
import { sparkline } from '../../metrics/sparkline.js';
import { databaseDetailLines } from './database-figures.js';
import type { DatabaseHealth } from '../../domain/database-health.js';
import type { EnvHealth } from '../../store/health-slice.js';
import type { Operation } from '../../store/environments-slice.js';
import { wrapWords } from './wrap-words.js';
import { formatAge } from './format-age.js';

export function environmentDetailLines(
  env: EnvironmentSnapshot,
  detail: EnvironmentDetail | undefined,
  now: number,
  health?: EnvHealth,
  database?: DatabaseHealth,
  operation?: Operation,
  width = 100,
): DetailLine[] {
  const lines: DetailLine[] = [
    { text: `${env.name}  ${env.app}  (${env.stage})`, style: 'title' },
    { text: `url         ${env.url}`, style: 'plain' },
    {
      text: `formation   ${
        Object.entries(env.formation)
          .map(([t, q]) => `${t}=${q}`)
          .join(' ') || '–'
      }${env.maintenance ? '   MAINTENANCE MODE' : ''}`,
      style: 'plain',
    },
    ...operationLines(operation, now, width),
    { text: '', style: 'plain' },
    { text: `Dynos (${env.dynos.length})`, style: 'heading' },
  ];
  if (env.dynos.length === 0) lines.push({ text: 'none running', style: 'muted' });
  for (const d of [...env.dynos].sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }))) {
    lines.push({
      text: `  ${d.name.padEnd(12)} ${d.state.padEnd(9)} ${ageLabel(now, d.startedAt).padStart(4)}  ${d.releaseVersion !== undefined ? `v${d.releaseVersion}` : ''}`,
      style: d.state === 'crashed' ? 'warning' : 'plain',
    });
  }
  lines.push(...healthLines(health));
  lines.push({ text: '', style: 'plain' }, { text: 'Releases', style: 'heading' });
  if (!detail?.releases)
    lines.push({ text: detail?.error ? `cannot read: ${sanitizeLine(detail.error)}` : 'reading…', style: 'muted' });
  for (const r of detail?.releases ?? []) {
    const mark = r.current ? '●' : r.status === 'failed' ? '✗' : r.status === 'pending' ? '…' : ' ';
    lines.push({
      text: `${mark} ${versionLabel(r.version).padEnd(5)} ${r.status.padEnd(9)} ${r.commit?.slice(0, 7) ?? '-------'} ${ageLabel(now, r.createdAt).padStart(4)} ago  ${sanitizeLine(r.description)}${r.failure ? ` — ${sanitizeLine(r.failure)}` : ''}`,
      style: r.status === 'failed' ? 'warning' : r.current ? 'done' : 'plain',
    });
  }
  lines.push(...githubLines(detail, now));
  lines.push({ text: '', style: 'plain' }, { text: 'Config vars (values hidden)', style: 'heading' });
  lines.push({
    text: detail?.configVarNames ? detail.configVarNames.map(sanitizeLine).join('  ') || 'none' : 'reading…',
    style: 'muted',
  });
  if (env.stage !== 'production') {
    lines.push({ text: '', style: 'plain' }, { text: 'Waiting to ship to the next stage', style: 'heading' });
    const w = detail?.waiting;
    if (!w) lines.push({ text: env.release ? 'reading…' : 'nothing deployed here yet', style: 'muted' });
    else {
      lines.push({ text: `${w.total}${w.truncated ? '+' : ''} commits, ${w.tickets.length} tickets`, style: 'plain' });
      for (const c of w.commits)
        lines.push({
          text: `  ${c.sha.slice(0, 7)} ${sanitizeLine(c.subject)} (${sanitizeLine(c.author)})`,
          style: 'muted',
        });
      for (const t of w.tickets)
        lines.push({ text: `  ${sanitizeLine(t.id)} ${sanitizeLine(t.title)}`, style: 'plain' });
    }
  }
  if (database) lines.push({ text: '', style: 'plain' }, ...databaseDetailLines(database, now, 100));
  return lines;
}

/** The team's ledger on GitHub: recent deployments (from any deck or CI) and, on production, releases. */
function githubLines(detail: EnvironmentDetail | undefined, now: number): DetailLine[] {
  const out: DetailLine[] = [];
  const deployments = detail?.githubDeployments;
  if (deployments) {
    out.push({ text: '', style: 'plain' }, { text: 'Deployments on GitHub', style: 'heading' });
    if ('error' in deployments) out.push({ text: `cannot read: ${sanitizeLine(deployments.error)}`, style: 'muted' });
    else if (deployments.length === 0) out.push({ text: 'none recorded yet', style: 'muted' });
    else
      for (const d of deployments)
        out.push({
          text: `  ${d.state.padEnd(11)} ${d.sha.slice(0, 7)} ${sanitizeLine(d.creator)} ${ageLabel(now, d.since).padStart(4)} ago${d.description ? `  ${sanitizeLine(d.description)}` : ''}`,
          style: d.state === 'failure' || d.state === 'error' ? 'warning' : d.inProgress ? 'open' : 'plain',
        });
  }
  const releases = detail?.githubReleases;
  if (releases) {
    out.push({ text: '', style: 'plain' }, { text: 'GitHub releases', style: 'heading' });
    if ('error' in releases) out.push({ text: `cannot read: ${sanitizeLine(releases.error)}`, style: 'muted' });
    else if (releases.length === 0) out.push({ text: 'none yet', style: 'muted' });
    else
      for (const r of releases)
        out.push({
          text: `  ${sanitizeLine(r.tag).padEnd(20)} ${sanitizeLine(r.target).slice(0, 7)} ${sanitizeLine(r.author)} ${ageLabel(now, r.createdAt).padStart(4)} ago  ${sanitizeLine(r.url)}`,
          style: 'plain',
        });
  }
  return out;
}

/** Larger charts and the numbers behind the row's sparklines. */
function healthLines(h: EnvHealth | undefined): DetailLine[] {
  const out: DetailLine[] = [
    { text: '', style: 'plain' },
    { text: 'Health (last minute; charts: last 15 minutes)', style: 'heading' },
  ];
  if (!h) return [...out, { text: 'no log stream read yet', style: 'muted' }];
  const ms = (v: number | undefined) => (v === undefined ? '–' : `${v} ms`);
  out.push({
    text: `  requests  ${sparkline(h.rpsHistory, 30)}  ${h.rps} /s  (${h.requests ?? 0} in the last minute)`,
    style: 'plain',
  });
  out.push({
    text: `  p95       ${sparkline(h.p95History, 30)}  ${ms(h.p95)}   p50 ${ms(h.p50)}  p99 ${ms(h.p99)}`,
    style: 'plain',
  });
  out.push({
    text: `  5xx       ${h.errorRate === undefined ? '–' : `${(h.errorRate * 100).toFixed(1)} %`}${
      h.hCodes && Object.keys(h.hCodes).length
        ? `   ${Object.entries(h.hCodes)
            .map(([c, n]) => `${c}×${n}`)
            .join(' ')}`
        : ''
    }`,
    style: h.errorRate && h.errorRate > 0.05 ? 'warning' : 'plain',
  });
  if (h.stream) {
    out.push({
      text: `  stream    DOWN since ${new Date(h.stream.downSince).toISOString().slice(11, 19)}${h.stream.error ? ` (${sanitizeLine(h.stream.error)})` : ''}: alerts that read the log cannot fire`,
      style: 'warning',
    });
  }
  if (h.check) {
    out.push({
      text: `  check     ${h.check.ok ? 'ok' : 'FAILING'} ${h.check.status ?? ''} in ${h.check.latencyMs} ms${h.check.error ? ` (${sanitizeLine(h.check.error)})` : ''}`,
      style: h.check.ok ? 'plain' : 'warning',
    });
  }
  return out;
}

/** The last deploy, promotion, scale…: how it ended, why it failed, and the end of what it wrote. */
function operationLines(op: Operation | undefined, now: number, width: number): DetailLine[] {
  if (!op || op.state === 'running' || op.finishedAt === undefined) return [];
  const ended = `${op.state === 'failed' ? 'failed' : 'done'} ${formatAge(Math.max(0, now - op.finishedAt))} ago`;
  const lines: DetailLine[] = [
    { text: '', style: 'plain' },
    {
      text: `Last ${op.kind}: ${ended}${op.detail && op.state !== 'failed' ? ` (${sanitizeLine(op.detail)})` : ''}`,
      style: 'heading',
    },
  ];
  if (op.reason)
    for (const part of wrapWords(sanitizeLine(op.reason), Math.max(20, width - 2)))
      lines.push({ text: `  ${part}`, style: 'warning' });
  for (const line of op.output ?? []) lines.push({ text: `  │ ${sanitizeLine(line)}`, style: 'muted' });
  return lines;
}
