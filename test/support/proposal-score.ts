/**
 * The proposal reader scored on a corpus of sentences (test/fixtures/proposals.yaml): how often
 * it reads the state, the kind and the day right, and — the figure that matters — how often it
 * is sure and wrong. Used by the corpus test and by `npm run bench`.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { STATE_WORDS_FILE, STATES_FILE } from '../../src/config.ts';
import { type Proposal, readProposals } from '../../src/domain/proposal.ts';
import { loadStateWords, StateLexicon } from '../../src/domain/state-words.ts';
import { loadStatesCsv, StateDirectory } from '../../src/domain/states.ts';

const CORPUS = new URL('../fixtures/proposals.yaml', import.meta.url);

interface Case {
  text: string;
  states: string[];
  kind?: string;
  date?: string | null;
  level?: string;
  ask?: boolean;
}

export interface Score {
  cases: number;
  /** Sentences with a definite answer (not "should ask"), on which state, kind, date and level are scored. */
  definite: number;
  stateRight: number;
  kindRight: number;
  dateRight: number;
  levelRight: number;
  /** Sure of a proposal that is wrong somewhere, or sure where it should ask. */
  wrongButSure: string[];
  shouldAsk: number;
  /** "Should ask" sentences it was sure about. */
  didNotAsk: string[];
  misses: string[];
}

function lexicon(): StateLexicon {
  const directory = new StateDirectory(loadStatesCsv(STATES_FILE));
  return new StateLexicon(directory, loadStateWords(STATE_WORDS_FILE));
}

/** Reads every sentence of a corpus file and compares with what it expects. */
export function scoreCorpus(path: URL | string = CORPUS): Score {
  const corpus = parse(readFileSync(path, 'utf8')) as { today: string; cases: Case[] };
  const words = lexicon();
  const score: Score = {
    cases: 0,
    definite: 0,
    stateRight: 0,
    kindRight: 0,
    dateRight: 0,
    levelRight: 0,
    wrongButSure: [],
    shouldAsk: 0,
    didNotAsk: [],
    misses: [],
  };
  for (const c of corpus.cases) {
    score.cases++;
    const { proposals } = readProposals(c.text, words, String(corpus.today));
    const sure = proposals.length > 0 && proposals.every((p) => p.sure);
    if (c.ask) {
      score.shouldAsk++;
      if (sure) score.didNotAsk.push(`${c.text} → ${proposals.map((p) => p.command).join(' | ')}`);
      continue;
    }
    score.definite++;
    const got = summary(proposals);
    const right = {
      state: got.states === [...c.states].sort().join(','),
      kind: got.kind === c.kind,
      date: got.date === (c.date ?? undefined),
      level: got.level === (c.level === 'default' ? undefined : c.level),
    };
    score.stateRight += Number(right.state);
    score.kindRight += Number(right.kind);
    score.dateRight += Number(right.date);
    score.levelRight += Number(right.level);
    const wrong = Object.entries(right).filter(([, ok]) => !ok);
    if (wrong.length === 0) continue;
    const line = `${c.text} → ${proposals.map((p) => p.command).join(' | ') || 'nothing'} [${wrong.map(([k]) => k).join(', ')}]`;
    score.misses.push(line);
    if (sure) score.wrongButSure.push(line);
  }
  return score;
}

function summary(proposals: Proposal[]): { states: string; kind?: string; date?: string; level?: string } {
  const [first] = proposals;
  return {
    states: [...new Set(proposals.flatMap((p) => p.states.map((s) => s.iso3)))].sort().join(','),
    kind: first?.kind,
    date: first?.date,
    level: first?.level,
  };
}

/** The score as the lines a person reads. */
export function scoreLines(s: Score): string[] {
  const pct = (n: number) => `${((100 * n) / Math.max(1, s.definite)).toFixed(1)} %`;
  return [
    `${s.cases} sentences, ${s.definite} with a definite answer, ${s.shouldAsk} that should ask`,
    `state right ${pct(s.stateRight)}, kind right ${pct(s.kindRight)}, date right ${pct(s.dateRight)}, level right ${pct(s.levelRight)}`,
    `wrong but sure ${s.wrongButSure.length}; should ask but sure ${s.didNotAsk.length}`,
  ];
}
