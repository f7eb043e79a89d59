import { describe, expect, it } from 'vitest';
import type { BranchStatus } from '../../src/domain/branch.js';
import { deriveStage, describeBranch } from '../../src/domain/stage.js';

const status = (overrides: Partial<BranchStatus>): BranchStatus => ({
  name: 'feature/x',
  exists: true,
  ahead: 0,
  behind: 0,
  merged: false,
  ...overrides,
});

describe('deriveStage', () => {
  it('is todo without a branch, without a status, or when the branch is missing', () => {
    expect(deriveStage(undefined, status({ ahead: 3 }))).toBe('todo');
    expect(deriveStage('feature/x', undefined)).toBe('todo');
    expect(deriveStage('feature/x', status({ exists: false }))).toBe('todo');
  });

  it('is merged once the work reached main', () => {
    expect(deriveStage('feature/x', status({ merged: true, behind: 4 }))).toBe('merged');
  });

  it('is in progress while the branch has commits of its own', () => {
    expect(deriveStage('feature/x', status({ ahead: 1, behind: 7 }))).toBe('in progress');
  });

  it('is todo for a branch with no commits of its own', () => {
    expect(deriveStage('feature/x', status({ behind: 2 }))).toBe('todo');
  });
});

describe('describeBranch', () => {
  it('gives a compact cell', () => {
    expect(describeBranch(status({ ahead: 3, behind: 1 }))).toBe('+3 −1');
    expect(describeBranch(status({ ahead: 3 }))).toBe('+3');
    expect(describeBranch(status({ merged: true }))).toBe('merged');
    expect(describeBranch(status({}))).toBe('no commits yet');
    expect(describeBranch(status({ exists: false }))).toBe('missing');
    expect(describeBranch(undefined)).toBe('');
  });
});
