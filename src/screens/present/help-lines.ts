// The `?` view's lines, built from the key table.
import { KEY_BINDINGS, SCOPE_TITLES, type KeyScope } from '../keymap.js';
import type { DetailLine } from './ticket-detail-lines.js';

const ORDER: KeyScope[] = ['global', 'lists', 'overlay', 'tickets', 'environments', 'logs', 'alerts'];

export function helpLines(): DetailLine[] {
  const lines: DetailLine[] = [];
  const labelWidth = Math.max(...KEY_BINDINGS.map((b) => b.label.length)) + 2;
  for (const scope of ORDER) {
    const bindings = KEY_BINDINGS.filter((b) => b.scope === scope);
    if (bindings.length === 0) continue;
    if (lines.length) lines.push({ text: '', style: 'plain' });
    lines.push({ text: SCOPE_TITLES[scope], style: 'heading' });
    for (const b of bindings) lines.push({ text: `  ${b.label.padEnd(labelWidth)}${b.description}`, style: 'plain' });
  }
  lines.push({ text: '', style: 'plain' });
  lines.push({ text: 'Esc or ? closes this list.', style: 'muted' });
  return lines;
}
