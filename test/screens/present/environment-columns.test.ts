import { describe, expect, it } from 'vitest';
import { environmentColumns } from '../../../src/screens/present/environment-columns.js';

const sum = (c: ReturnType<typeof environmentColumns>) =>
  c.name + c.release + c.formation + c.dynos + c.health + c.database + c.note;

describe('environment row columns', () => {
  it('show everything on a wide pane, filling the width', () => {
    const c = environmentColumns(150, { health: true, database: true });
    expect(c).toMatchObject({ releaseLong: true, sparklines: true, formation: 17, database: 21 });
    expect(c.note).toBeGreaterThan(18);
    expect(sum(c)).toBe(150);
  });

  it('keep requests and p95 on the row of a 120-column terminal, dropping sparklines, the long release and the formation first', () => {
    // A 120-column terminal gives the Environments pane 60 columns, 56 inside its frame.
    const c = environmentColumns(56, { health: true, database: true });
    expect(c.health).toBeGreaterThan(0);
    expect(c).toMatchObject({ sparklines: false, releaseLong: false, formation: 0, database: 0, note: 0 });
    expect(sum(c)).toBe(56);
  });

  it('at 160 columns keep the formation and the health, with the note on its own line', () => {
    const c = environmentColumns(76, { health: true, database: false });
    expect(c).toMatchObject({ formation: 17, note: 0, sparklines: false });
    expect(c.health).toBe(21);
  });

  it('without health data give the room to the dyno states', () => {
    const c = environmentColumns(46, { health: false, database: false });
    expect(c.health).toBe(0);
    expect(c.dynos).toBeGreaterThanOrEqual(14);
  });
});
