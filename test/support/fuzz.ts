/**
 * Generated command lines for the property-based tests: hostile text (unicode, control
 * characters, right-to-left marks, SQL fragments, Slack and Teams markup, 10 kB lines) and
 * real command words with random arguments, so that every command's parser is reached.
 *
 * Runs are reproducible: `FUZZ_SEED` replaces the fixed seed (fast-check prints the seed and
 * path of a failure), and `FUZZ_RUNS` multiplies the number of runs for a longer hunt.
 */
import fc from 'fast-check';
import { commands } from '../../src/commands/index.ts';

/** The seed every run starts from unless `FUZZ_SEED` names another. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261113);

/** `runs`, times `FUZZ_RUNS` when set (e.g. FUZZ_RUNS=10 for a tenfold search). */
export function fuzzRuns(runs: number): number {
  return runs * Number(process.env.FUZZ_RUNS ?? 1);
}

/** Every word that starts a command: names and aliases. */
const COMMAND_WORDS = commands.flatMap((c) => [c.name, ...(c.aliases ?? [])]);

/** The keywords of the command grammar, from the declarations' usage lines. */
const GRAMMAR_WORDS = [...new Set(commands.flatMap((c) => c.usage.toLowerCase().match(/[a-z]+/g) ?? []))];

const STATES = [
  'Kenya',
  'Lao PDR',
  'Laos',
  'Viet Nam',
  'Vietnam',
  "Côte d'Ivoire",
  'Cote d Ivoire',
  'KEN',
  'LAO',
  'Türkiye',
  'Guinea-Bissau',
  'Congo',
  'Democratic Republic of the Congo',
  'United States',
  'Atlantis',
  'kenya kenya',
  'Niger',
  'Nigeria',
  'Sudan',
  'South Sudan',
  'Micronesia',
  'Holy See',
];

const DATES = [
  'today',
  'yesterday',
  'tomorrow',
  'Monday',
  'next Friday',
  'last week',
  '2026-03-01',
  '2026-02-29',
  '2026-02-30',
  '2024-02-29',
  '1 Mar',
  '31 Apr',
  '1 May 2026',
  '0000-01-01',
  '9999-12-31',
  '1900-01-01',
  '2026-13-01',
  '2026-3-1',
  '01/02/2026',
  'in 2 weeks',
  'end of March',
  '-1',
  '99999999999',
  '1e309',
  'NaN',
];

const ENTRY_REFS = ['#1', '#2', '#3', '#0', '#-1', '#1.5', '#1e3', '#99999999999999999999', '1', '2', '#', '##1', '#01', '0x1', '#１'];

const IDS = [
  'wg1',
  'wg3',
  'review-conference',
  'bilateral-meetings',
  'regional',
  'ccm-universalization-2025-2026',
  'ccm-universalization-2027-2031',
  'legal',
  'defence',
  'awareness',
  'priority',
  'geneva',
  'capital',
  'embassy',
  'on',
  'off',
  'names',
  '3',
  '0',
  '-2',
  '1000000',
];

/** Text that has broken parsers, databases and chat renderers elsewhere. */
const HOSTILE = [
  "'; DROP TABLE entries; --",
  '" OR 1=1 --',
  "1' OR '1'='1",
  '%',
  '_',
  '\\',
  "\\'",
  '/*',
  '*/',
  'NULL',
  'null',
  'undefined',
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U123>',
  '<@U123|ana>',
  '<#C123|general>',
  '<https://x|y>',
  '<https://evil.example|bank>',
  '&lt;',
  '&amp;',
  '&gt;',
  '*bold*',
  '_it_',
  '~strike~',
  '`code`',
  '```',
  '> quote',
  '<at>CCM</at>',
  '<at id="0">Ana</at>',
  '@ccm',
  '/ccm',
  '[link](https://x)',
  '<script>alert(1)</script>',
  '{"a":1}',
  ['$', '{x}'].join(''),
  '{{x}}',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '\u200f',
  '\u200e',
  '\u202e',
  '\u2066',
  '\u2069',
  '\u200b',
  '\u2060',
  '\ufeff',
  '\u00a0',
  '\u3000',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\r',
  '\n',
  '\t',
  '\u0085',
  '\u2028',
  '\u2029',
  '\ud800',
  '\udfff',
  'e\u0301',
  '🇰🇪',
  '👩🏽‍💻',
  '—',
  '--',
  '–',
  '|',
  '#',
  '“quoted”',
  'ℕ',
  'ǅ',
  'İ',
  'ß',
];

const MANY_DIGITS = '9'.repeat(400);

/** One argument: a grammar word, a state, a date, an entry, an id, hostile text or random unicode. */
const atom: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...GRAMMAR_WORDS), weight: 5 },
  { arbitrary: fc.constantFrom(...STATES), weight: 4 },
  { arbitrary: fc.constantFrom(...DATES), weight: 3 },
  { arbitrary: fc.constantFrom(...ENTRY_REFS), weight: 2 },
  { arbitrary: fc.constantFrom(...IDS), weight: 2 },
  { arbitrary: fc.constantFrom(...HOSTILE), weight: 4 },
  { arbitrary: fc.constantFrom(...COMMAND_WORDS), weight: 1 },
  { arbitrary: fc.constantFrom(MANY_DIGITS), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 12 }), weight: 1 },
  { arbitrary: fc.integer().map(String), weight: 1 },
);

/** What goes between words: mostly a space, sometimes what people (or pasted text) put there. */
const gap = fc.oneof(
  { arbitrary: fc.constant(' '), weight: 8 },
  { arbitrary: fc.constantFrom('  ', '\t', ' — ', ', ', '\u00a0', '\n', ' -- ', ''), weight: 2 },
);

/** Words joined with gaps. */
function joined(words: fc.Arbitrary<string[]>): fc.Arbitrary<string> {
  return words.chain((list) =>
    fc.array(gap, { minLength: list.length, maxLength: list.length }).map((gaps) => list.map((w, i) => (i === 0 ? w : gaps[i] + w)).join('')),
  );
}

/** A real command word followed by random arguments: reaches each command's parser. */
const commandWithArguments = fc
  .tuple(fc.constantFrom(...COMMAND_WORDS), joined(fc.array(atom, { maxLength: 8 })))
  .map(([word, args]) => (args ? `${word} ${args}` : word));

/** A documented example with one word replaced by, or followed by, something hostile. */
const mutatedExample = fc.tuple(fc.constantFrom(...commands.flatMap((c) => c.examples)), fc.nat(), atom, fc.boolean()).map(([example, at, insert, replace]) => {
  const words = example.split(' ');
  const i = at % words.length;
  words.splice(i, replace ? 1 : 0, insert);
  return words.join(' ');
});

/** Free text where members write it (notes, steps, names): hostile more often than not. */
export const memberText = joined(
  fc.array(
    fc.oneof(
      { arbitrary: fc.constantFrom(...HOSTILE), weight: 3 },
      { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }), weight: 2 },
      { arbitrary: fc.constantFrom(...GRAMMAR_WORDS), weight: 1 },
    ),
    { minLength: 1, maxLength: 6 },
  ),
);
const state = fc.constantFrom(...STATES.slice(0, 12));
const day = fc.constantFrom('', ' on 2026-03-02', ' on yesterday', ' on Monday', ' on 2026-03-31');
const due = fc.constantFrom('1 Apr', '2026-05-01', 'next Friday', 'in 2 weeks');
const entry = fc.integer({ min: 1, max: 12 });

/** Commands as members write them, free text hostile: most are carried out, and their text stored and shown. */
const wellFormed = fc.oneof(
  fc.tuple(state, day, fc.constantFrom('', ' in capital', ' in geneva'), memberText).map(([s, d, l, t]) => `meeting ${s} held${d}${l} — ${t}`),
  fc.tuple(state, fc.constantFrom('', ' via capital', ' via regional'), memberText).map(([s, l, t]) => `contacted ${s}${l} — ${t}`),
  fc.tuple(state, memberText, due).map(([s, t, d]) => `next ${s} ${t} by ${d}`),
  fc.tuple(state, fc.constantFrom('legal', 'defence', 'regional', 'awareness', 'priority'), memberText).map(([s, c, t]) => `barrier ${s} ${c} — ${t}`),
  fc.tuple(state, memberText).map(([s, t]) => `target add ${s} lead ${t}`),
  fc.tuple(state, memberText).map(([s, t]) => `interim ${s} statement — ${t}`),
  fc.tuple(state, memberText).map(([s, t]) => `announced ${s} — ${t}`),
  fc.tuple(memberText, state, state).map(([t, a, b]) => `workshop ${t} with ${a}, ${b} — accession pathway`),
  fc.tuple(entry, memberText).map(([n, t]) => `edit #${n} — ${t}`),
  fc.tuple(entry, memberText, due).map(([n, t, d]) => `edit #${n} step ${t} by ${d}`),
  entry.map((n) => `done #${n}`),
  entry.map((n) => `undo #${n}`),
  fc.constantFrom(
    'undo',
    'redo',
    'log',
    'targets',
    'barriers',
    'suggest',
    'milestones',
    'deliverables',
    'digest',
    'export',
    'subscriptions',
    'help',
    'echo on',
    'subscribe',
  ),
  state.map((s) => `state ${s}`),
  state.map((s) => `log ${s}`),
);

/** A line of about 10 kB: a command word and a long note, or the same atom over and over. */
const longLine = fc.oneof(
  fc
    .tuple(fc.constantFrom(...COMMAND_WORDS), atom)
    .map(([word, filler]) => `${word} Kenya held — ${filler.repeat(Math.ceil(10_000 / Math.max(1, filler.length)))}`),
  fc
    .tuple(fc.constantFrom(...COMMAND_WORDS), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 50 }))
    .map(([word, chunk]) => `${word} ${chunk.repeat(Math.ceil(10_000 / chunk.length))}`),
  atom.map((filler) => `${filler} `.repeat(Math.ceil(10_000 / (filler.length + 1)))),
);

/** A command line as someone (or something) might send it. */
export const commandLine: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '', '', '/ccm ', '@ccm ', 'CCM ', ' '),
    fc.oneof(
      { arbitrary: wellFormed, weight: 8 },
      { arbitrary: commandWithArguments, weight: 8 },
      { arbitrary: mutatedExample, weight: 4 },
      { arbitrary: joined(fc.array(atom, { maxLength: 6 })), weight: 2 },
      { arbitrary: fc.string({ unit: 'binary', maxLength: 80 }), weight: 1 },
      { arbitrary: longLine, weight: 1 },
    ),
  )
  .map(([prefix, line]) => prefix + line);
