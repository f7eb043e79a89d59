import { describe, expect, it } from 'vitest';
import { parseIssueBody } from '../../../src/services/github/acceptance-criteria.js';

const texts = (body: string) => parseIssueBody(body).criteria.map((c) => `${c.done ? 'x' : ' '} ${c.text}`);

describe('parseIssueBody: acceptance criteria', () => {
  it('reads task items under an "Acceptance criteria" heading, done or not', () => {
    const body = ['Intro', '', '## Acceptance criteria', '- [ ] one', '- [x] two', '- [X] three'].join('\n');
    expect(texts(body)).toEqual(['  one', 'x two', 'x three']);
  });

  it.each(['#', '##', '###', '####', '#####', '######'])('accepts a heading of level %s', (hashes) => {
    expect(texts(`${hashes} Acceptance criteria\n- [ ] item`)).toEqual(['  item']);
  });

  it.each(['ACCEPTANCE CRITERIA', 'acceptance criteria', 'Acceptance Criteria:', 'Acceptance criteria :'])(
    'accepts the heading text "%s" (any case, optional colon)',
    (title) => {
      expect(texts(`### ${title}\n* [ ] item`)).toEqual(['  item']);
    },
  );

  it('accepts a closed ATX heading and up to three spaces before it', () => {
    expect(texts('   ## Acceptance criteria ##\n- [ ] item')).toEqual(['  item']);
  });

  it('accepts a line "Acceptance criteria:" alone', () => {
    expect(texts('Some text\n\nAcceptance criteria:\n- [ ] a\n- [x] b\n')).toEqual(['  a', 'x b']);
  });

  it('does not take a line "Acceptance criteria" inside a sentence as a heading', () => {
    expect(texts('The acceptance criteria: are below\n- [ ] a')).toEqual([]);
    expect(texts('## Acceptance criteria and notes\n- [ ] a')).toEqual([]);
  });

  it('reads -, *, + and numbered items, and nested ones', () => {
    const body = [
      '## Acceptance criteria',
      '- [ ] dash',
      '* [x] star',
      '+ [X] plus',
      '1. [ ] numbered',
      '2) [x] paren numbered',
      '  - [ ] nested two spaces',
      '    1. [x] nested deeper',
      '\t- [ ] nested with a tab',
    ].join('\n');
    expect(texts(body)).toEqual([
      '  dash',
      'x star',
      'x plus',
      '  numbered',
      'x paren numbered',
      '  nested two spaces',
      'x nested deeper',
      '  nested with a tab',
    ]);
  });

  it('ignores plain list items, empty boxes and malformed boxes', () => {
    const body = ['## Acceptance criteria', '- plain', '- [ ]', '- [y] odd', '-[ ] no space', '- [ ] real'].join('\n');
    expect(texts(body)).toEqual(['  real']);
  });

  it('ends the section at the next heading of the same or a higher level', () => {
    const body = [
      '### Acceptance criteria',
      '- [ ] in',
      '#### Details (lower level: still inside)',
      '- [x] also in',
      '### Notes',
      '- [ ] out (same level)',
      '## Acceptance criteria',
      '- [ ] in again',
      '# Top',
      '- [ ] out (higher level)',
    ].join('\n');
    expect(texts(body)).toEqual(['  in', 'x also in', '  in again']);
  });

  it('ends a section started by a line "Acceptance criteria:" at any heading', () => {
    expect(texts('Acceptance criteria:\n- [ ] in\n###### Tiny heading\n- [ ] out')).toEqual(['  in']);
  });

  it('ignores task items outside any criteria section', () => {
    expect(texts('- [ ] todo before\n## Plan\n- [x] a step')).toEqual([]);
  });

  it('ignores fenced code blocks, including headings inside them', () => {
    const body = [
      '## Acceptance criteria',
      '- [ ] real one',
      '```md',
      '- [ ] in code',
      '## Not a heading',
      '```',
      '~~~~',
      '- [x] in tilde code',
      '```',
      '- [x] still in tilde code (a shorter or other fence does not close it)',
      '~~~~',
      '  ```',
      '  - [ ] in an indented fence',
      '  ```',
      '- [x] after the code',
    ].join('\n');
    expect(texts(body)).toEqual(['  real one', 'x after the code']);
  });

  it('a heading inside a fence does not start a section', () => {
    expect(texts('```\n## Acceptance criteria\n```\n- [ ] not criteria')).toEqual([]);
  });

  it('ignores block quotes, including a quoted heading', () => {
    const body = ['## Acceptance criteria', '> - [ ] quoted', '>- [x] quoted too', '- [ ] mine'].join('\n');
    expect(texts(body)).toEqual(['  mine']);
    expect(texts('> ## Acceptance criteria\n- [ ] after a quoted heading')).toEqual([]);
  });

  it('ignores items inside HTML comments (issue templates keep examples there)', () => {
    const body = [
      '## Acceptance criteria',
      '<!-- e.g.',
      '- [ ] example from the template',
      '-->',
      '- [ ] real <!-- note --> item',
      '<!-- - [ ] one-line comment -->',
    ].join('\n');
    expect(texts(body)).toEqual(['  real item']);
  });

  it('reads CRLF bodies and a byte-order mark', () => {
    expect(texts('\uFEFF## Acceptance criteria\r\n- [ ] a\r\n- [x] b\r\n')).toEqual(['  a', 'x b']);
  });

  it('collects items from every criteria section', () => {
    expect(texts('## Acceptance criteria\n- [ ] a\n## Other\n## Acceptance criteria\n- [ ] b')).toEqual(['  a', '  b']);
  });

  it('has no criteria for an empty or missing body', () => {
    expect(parseIssueBody(null)).toEqual({ criteria: [], description: '' });
    expect(parseIssueBody('')).toEqual({ criteria: [], description: '' });
  });

  it('keeps the rest of the body as the description, without the criteria section', () => {
    const body = ['Users want X.', '', '## Acceptance criteria', '- [ ] a', '', '## Notes', 'See #3.'].join('\n');
    expect(parseIssueBody(body).description).toBe('Users want X.\n\n## Notes\nSee #3.');
  });
});
