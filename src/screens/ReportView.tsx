// The outcomes report over the deck: the four DORA figures with their bands and weekly
// sparklines, then what lies behind them; the same text `dynodeck report` prints.
import { useMemo } from 'react';
import { useDeck } from './deck-context.js';
import { ScrollView } from './ScrollView.js';
import type { PaneBox } from './present/deck-layout.js';
import { formatReport } from './present/report-text.js';
import type { DetailLine } from './present/ticket-detail-lines.js';

export function ReportView(props: { box: PaneBox }) {
  const view = useDeck((s) => s.outcomeReport);
  const lines = useMemo((): DetailLine[] => {
    if (!view) return [];
    if (view.state === 'loading')
      return [{ text: `Reading ${view.env}'s releases and the git history since ${view.since}…`, style: 'muted' }];
    if (view.state === 'failed') return [{ text: `Cannot make the report: ${view.error}`, style: 'warning' }];
    return [
      ...formatReport(view.report)
        .split('\n')
        .map((text, i): DetailLine => ({ text, style: i === 0 ? 'title' : 'plain' })),
      { text: '', style: 'plain' },
      { text: `:report <since> <environment> reads another period (e.g. :report 12w staging).`, style: 'muted' },
    ];
  }, [view]);
  const title = view ? `Outcomes · ${view.env} · since ${view.since}` : 'Outcomes';
  return <ScrollView title={title} lines={lines} box={props.box} />;
}
