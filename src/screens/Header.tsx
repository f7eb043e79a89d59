// Project name and the freshness of each data source, one line.
import { memo } from 'react';
import { Box } from 'ink';
import { Text } from './Text.js';
import { useDeck, useTheme } from './deck-context.js';
import { freshnessKey, type Freshness } from './present/source-freshness.js';
import { readOnlySummary } from '../store/read-only.js';
import { githubBudgetLabel } from './present/github-budget-label.js';

export const Header = memo(function Header(props: { width: number }) {
  const theme = useTheme();
  const project = useDeck((s) => s.project);
  const key = useDeck((s) => freshnessKey(s.sources, s.now));
  const budget = useDeck((s) => (s.platform === 'heroku' ? s.rateLimitRemaining : undefined));
  const githubBudget = useDeck((s) => githubBudgetLabel(s.githubBudget, s.now));
  const firing = useDeck((s) => s.alerts.filter((a) => a.state === 'firing').length);
  const critical = useDeck((s) => s.alerts.some((a) => a.state === 'firing' && a.severity === 'critical'));
  const readOnly = useDeck((s) => readOnlySummary(s.readOnly));
  const freshness = JSON.parse(key) as Freshness[];
  return (
    <Box width={props.width} height={1} justifyContent="space-between">
      <Text wrap="truncate-end">
        <Text bold color={theme.accent}>
          dynodeck
        </Text>
        <Text color={theme.muted}> │ </Text>
        <Text bold>{project}</Text>
        {readOnly ? (
          <Text bold inverse={!theme.color} color={theme.warning}>
            {readOnly === 'the whole deck' ? '  READ-ONLY ' : `  READ-ONLY: ${readOnly} `}
          </Text>
        ) : null}
        {firing ? (
          <Text bold inverse={!theme.color} color={critical ? theme.error : theme.warning}>
            {`  ${critical ? '●' : '▲'} ${firing} alert${firing === 1 ? '' : 's'} firing `}
          </Text>
        ) : null}
      </Text>
      <Box flexShrink={1} marginLeft={2}>
        <Text wrap="truncate-start">
          {budget !== undefined ? (
            <Text
              color={budget < 900 ? theme.warning : theme.muted}
            >{`API ${budget.toLocaleString('en-US')} left · `}</Text>
          ) : null}
          {githubBudget ? <Text color={theme.warning}>{`${githubBudget} · `}</Text> : null}
          {freshness.map((f, i) => (
            <Text key={i}>
              {i > 0 ? <Text color={theme.muted}> · </Text> : null}
              <Text color={theme.tone[f.tone]}>{f.text}</Text>
            </Text>
          ))}
        </Text>
      </Box>
    </Box>
  );
});
