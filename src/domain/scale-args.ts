// `web=3 worker+1 clock-1` against the current formation, as the Heroku CLI reads it.
export function parseScaleArgs(
  args: readonly string[],
  formation: Readonly<Record<string, number>>,
): Record<string, number> | string {
  const result: Record<string, number> = {};
  for (const arg of args) {
    const match = /^([A-Za-z0-9_-]+)(=|\+|-)(\d+)$/.exec(arg);
    if (!match) return `"${arg.slice(0, 40)}" is not like web=3, worker+1 or web-1`;
    const [, type = '', op, n = '0'] = match;
    const amount = Number(n);
    const current = result[type] ?? formation[type];
    if (current === undefined)
      return `there is no process type "${type}" (known: ${Object.keys(formation).join(', ') || 'none'})`;
    const next = op === '=' ? amount : op === '+' ? current + amount : current - amount;
    if (next < 0) return `${type} cannot go below 0 (it is ${current})`;
    result[type] = next;
  }
  return result;
}
