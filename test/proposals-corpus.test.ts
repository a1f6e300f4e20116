/**
 * The proposal reader against its corpus (test/fixtures/proposals.yaml), with the targets of
 * issue 27: a reader that falls below them fails here, and the figures are printed either way.
 */
import { describe, expect, it } from 'vitest';
import { scoreCorpus, scoreLines } from './support/proposal-score.ts';

describe('the proposal reader on its corpus', () => {
  const score = scoreCorpus();
  console.log(['Proposal reader:', ...scoreLines(score), ...score.misses.map((m) => `  miss: ${m}`)].join('\n'));

  it('holds at least 150 sentences', () => {
    expect(score.cases).toBeGreaterThanOrEqual(150);
  });

  it('reads the state, the kind and the day right often enough', () => {
    expect(score.stateRight / score.definite).toBeGreaterThanOrEqual(0.95);
    expect(score.kindRight / score.definite).toBeGreaterThanOrEqual(0.9);
    expect(score.dateRight / score.definite).toBeGreaterThanOrEqual(0.95);
  });

  it('is sure and wrong at most twice', () => {
    expect(score.wrongButSure.length, score.wrongButSure.join('\n')).toBeLessThanOrEqual(2);
  });

  it('asks about every sentence that should ask', () => {
    expect(score.didNotAsk, score.didNotAsk.join('\n')).toEqual([]);
  });
});
