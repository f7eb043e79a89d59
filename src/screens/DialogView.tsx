// The Environments pane's dialogs, drawn over the body: pick, scale, and confirm with a preflight.
import { Box } from 'ink';
import { Text } from './Text.js';
import { useDeck, useTheme } from './deck-context.js';
import type { PaneBox } from './present/deck-layout.js';
import { confirmWord, describeAction, type BusyEnvironment, type Dialog } from '../store/dialog-slice.js';
import { fitText } from './present/fit-text.js';
import { formatAge } from './present/format-age.js';
import { sanitizeLine } from '../logs/sanitize.js';
import { ageLabel, versionLabel } from './present/release-labels.js';
import { OPAQUE, type Theme } from './theme.js';

export function DialogView(props: { box: PaneBox }) {
  const theme = useTheme();
  const dialog = useDeck((s) => s.dialog);
  const now = useDeck((s) => s.now);
  if (!dialog) return null;
  const width = Math.min(props.box.width, 96);
  const production = dialogStage(dialog) === 'production';
  return (
    <Box width={props.box.width} height={props.box.height} justifyContent="center" alignItems="flex-start">
      <Box
        flexDirection="column"
        width={width}
        borderStyle="double"
        borderColor={production ? theme.production : theme.accent}
        backgroundColor={OPAQUE}
        paddingX={1}
      >
        {body(dialog, width - 4, theme, now)}
      </Box>
    </Box>
  );
}

function dialogStage(d: Dialog): string | undefined {
  return d.kind === 'confirm' ? d.target.stage : undefined;
}

function body(d: Dialog, width: number, theme: Theme, now: number) {
  const list = (items: string[], index: number) =>
    items.map((item, i) => (
      <Text key={i} inverse={i === index}>
        {fitText(`${i === index ? '›' : ' '} ${sanitizeLine(item)}`, width)}
      </Text>
    ));
  const hint = (text: string) => <Text color={theme.muted}>{text}</Text>;
  switch (d.kind) {
    case 'pick-ref':
      return (
        <>
          <Text bold>Deploy to {d.env}: which branch?</Text>
          {list(
            d.options.map((o) => o.label),
            d.index,
          )}
          {hint('j/k choose · Enter deploy (a box acts at once) · Esc cancel')}
        </>
      );
    case 'pick-release':
      return (
        <>
          <Text bold>Roll {d.env} back to:</Text>
          {d.releases === 'loading' ? (
            <Text color={theme.muted}>reading releases…</Text>
          ) : 'error' in d.releases ? (
            <Text color={theme.error}>{d.releases.error}</Text>
          ) : d.releases.length === 0 ? (
            <Text color={theme.muted}>nothing to roll back to: no earlier release of {d.env} went live</Text>
          ) : (
            list(
              d.releases.map(
                (r) =>
                  `${versionLabel(r.version)}  ${r.commit?.slice(0, 7) ?? '-------'}  ${ageLabel(now, r.createdAt)} ago  ${r.description}`,
              ),
              d.index,
            )
          )}
          {hint(
            Array.isArray(d.releases) && d.releases.length > 0
              ? 'j/k choose · Enter roll back · Esc cancel'
              : 'Esc close',
          )}
        </>
      );
    case 'pick-restart':
      return (
        <>
          <Text bold>Restart on {d.env}:</Text>
          {list(
            d.options.map((o) => (o === 'all' ? 'every process' : `all ${o} processes`)),
            d.index,
          )}
          {hint('j/k choose · Enter restart · Esc cancel')}
        </>
      );
    case 'pick-silence':
      return (
        <>
          <Text bold>Silence {sanitizeLine(d.label)} for:</Text>
          {list(
            d.options.map((o) => o.label),
            d.index,
          )}
          {hint('j/k choose · Enter silence (it still shows, without notifying) · Esc cancel')}
        </>
      );
    case 'scale':
      return (
        <>
          <Text bold>Scale {d.env}</Text>
          {d.values.map((v, i) => (
            <Text key={v.type} inverse={i === d.index}>
              {fitText(`${i === d.index ? '›' : ' '} ${v.type.padEnd(12)} ${String(v.quantity).padStart(3)}`, width)}
            </Text>
          ))}
          {hint('j/k choose · +/- or a digit set · Enter apply · Esc cancel')}
        </>
      );
    case 'confirm-merge':
      return (
        <>
          {d.pullRequest !== undefined ? (
            <>
              <Text bold>
                Merge #{d.pullRequest} {sanitizeLine(d.title)} ({sanitizeLine(d.ticket)}) on GitHub?
              </Text>
              <Text color={theme.muted}>approved, checks passing; the repository's merge method is used</Text>
            </>
          ) : (
            <>
              <Text bold>
                Merge {sanitizeLine(d.branch ?? '')} ({sanitizeLine(d.ticket)} {sanitizeLine(d.title)}) into the main
                branch?
              </Text>
              <Text color={theme.muted}>a merge commit in the local repository; nothing is pushed</Text>
            </>
          )}
          <Text>
            <Text bold>y</Text> go ahead · <Text bold>n</Text>/Esc cancel
          </Text>
        </>
      );
    case 'confirm': {
      const production = d.target.stage === 'production';
      const word = confirmWord(d);
      return (
        <>
          <Text bold color={production ? theme.production : undefined}>
            {production ? '⚠ PRODUCTION · ' : ''}
            {describeAction(d.action)}?
          </Text>
          {preflightLines(d, width, theme, now)}
          {d.busy === 'checking' ? (
            <Text color={theme.muted}>checking GitHub for another deployment in progress…</Text>
          ) : d.busy ? (
            <Box marginY={1}>{busyLine(d.busy, d.target.name, width, theme, now)}</Box>
          ) : null}
          {d.guard ? (
            <Box flexDirection="column" marginBottom={1}>
              <Text bold color={theme.error}>
                Critical alerts are firing:
              </Text>
              {d.guard.map((g, i) => (
                <Text key={i} color={theme.error}>
                  {fitText(`  ● ${sanitizeLine(g)}`, width)}
                </Text>
              ))}
              <Text>
                Type{' '}
                <Text bold color={theme.error}>
                  override
                </Text>{' '}
                to ship anyway (recorded in the audit log): <Text inverse>{d.typed || ' '}</Text>
              </Text>
            </Box>
          ) : word === 'force' ? (
            <Text>
              Type{' '}
              <Text bold color={theme.error}>
                force
              </Text>{' '}
              to go ahead anyway (recorded in the audit log): <Text inverse>{d.typed || ' '}</Text>
            </Text>
          ) : production ? (
            <Text>
              Type{' '}
              <Text bold color={theme.production}>
                {d.target.name}
              </Text>{' '}
              to go ahead: <Text inverse>{d.typed || ' '}</Text>
            </Text>
          ) : (
            <Text>
              <Text bold>y</Text> go ahead · <Text bold>n</Text>/Esc cancel
            </Text>
          )}
          {word !== undefined ? hint('Enter confirms once the text matches · Esc cancels') : null}
        </>
      );
    }
  }
}

/** Someone else's deployment to the target, still in progress on GitHub. */
function busyLine(busy: BusyEnvironment, target: string, width: number, theme: Theme, now: number) {
  return (
    <Text bold color={theme.error}>
      {fitText(
        `⚠ ${sanitizeLine(busy.who)} is deploying ${sanitizeLine(busy.ref.slice(0, 12))} to ${target} (GitHub: ${busy.state} since ${formatAge(Math.max(0, now - busy.since))})`,
        width,
      )}
    </Text>
  );
}

function preflightLines(d: Extract<Dialog, { kind: 'confirm' }>, width: number, theme: Theme, now: number) {
  const p = d.preflight;
  if (p === undefined) return null;
  if (p === 'loading') return <Text color={theme.muted}>working out what ships…</Text>;
  if ('error' in p) return <Text color={theme.error}>cannot tell what ships: {sanitizeLine(p.error)}</Text>;
  return (
    <Box flexDirection="column" marginY={1}>
      <Text bold>
        Ships: {p.total}
        {p.truncated ? '+' : ''} commit{p.total === 1 ? '' : 's'}, {p.tickets.length} ticket
        {p.tickets.length === 1 ? '' : 's'}
      </Text>
      {p.commits.map((c) => (
        <Text key={c.sha} color={theme.muted}>
          {fitText(`  ${c.sha.slice(0, 7)} ${sanitizeLine(c.subject)} (${sanitizeLine(c.author)})`, width)}
        </Text>
      ))}
      {p.total > p.commits.length ? <Text color={theme.muted}> … and {p.total - p.commits.length} more</Text> : null}
      {(p.pullRequests ?? []).map((pr) => (
        <Text key={pr.number} color={pr.flags.length ? theme.error : undefined}>
          {fitText(
            `  ${pr.flags.length ? '⚠' : '•'} #${pr.number} ${sanitizeLine(pr.title)}${pr.flags.length ? ` — ${pr.flags.map(sanitizeLine).join(', ')}` : ''}`,
            width,
          )}
        </Text>
      ))}
      {p.tickets.map((t) => (
        <Text key={t.id}>
          {fitText(
            `  ${sanitizeLine(t.id)} ${sanitizeLine(t.title)}${t.criteria && t.criteria.total > 0 ? ` (${t.criteria.done}/${t.criteria.total} criteria)` : ''}`,
            width,
          )}
        </Text>
      ))}
      {p.busy ? busyLine(p.busy, d.target.name, width, theme, now) : null}
      <Text color={p.gate.startsWith('no test gate') ? theme.warning : theme.ok}>{p.gate}</Text>
    </Box>
  );
}
