/**
 * The proposal reader: a sentence someone wrote about outreach in, the command lines it would
 * log out, with what was understood and whether the reader is sure. It never stores anything,
 * and it never guesses silently: a state read from a near spelling, a name several states share,
 * a period instead of a day, news of a ratification or accession (sensitive: always confirmed
 * by a person), a State Party alone, each makes the proposal ask, with the reason.
 *
 * Read from the sentence, in this order: the states (names, aliases, codes, demonyms, French and
 * Spanish names; a State Party beside a state not party is the partner, not the subject), the
 * kind (from the verbs), the day (proposal-dates.ts, by the grammar's rules), the level.
 */
import { formatDate } from './dates.ts';
import { boundedEditDistance } from './edit-distance.ts';
import { dateInSentence, inEnglishDays } from './proposal-dates.ts';
import { isFarOff } from './read-date.ts';
import type { StateLexicon, StateMention, Word } from './state-words.ts';
import { normalizeName, type StateRecord } from './states.ts';

export type ProposalKind = 'meeting' | 'contacted' | 'next' | 'workshop' | 'announced' | 'joined';
type ProposalLevel = 'geneva' | 'capital' | 'regional';

export interface Proposal {
  /** The command line that logs it, as the grammar reads it. */
  command: string;
  states: StateRecord[];
  kind: ProposalKind;
  /** The day it happened, or a next step's due date (none when the step has none). */
  date?: string;
  /** Absent when the sentence does not say: the person's default applies. */
  level?: ProposalLevel;
  step?: string;
  note: string;
  sure: boolean;
  /** What was understood, and for an unsure proposal why, in the person's words. */
  reasons: string[];
}

/** All that a sentence gave: its proposals, or why there are none. */
export interface ProposalReading {
  proposals: Proposal[];
  /** Why nothing could be proposed (no state, no verb), empty when there are proposals. */
  missing: string[];
}

const NOTE_LIMIT = 1000;

/** Verbs and nouns of each kind, in the comparison form (lower case, no accents), English, French and Spanish. */
const KIND_WORDS: [ProposalKind, RegExp][] = [
  ['announced', /\b(?:announce[sd]?|a annonce|annonce|anuncio|declared)\b/],
  [
    'joined',
    /\b(?:ratified|has ratified|acceded|deposited|a ratifie|ratifie|a adhere|depose|ratifico|deposito|adhirio|approved (?:ratification|accession)|joined the convention)\b/,
  ],
];
/** A workshop is the kind only when no verb says someone met, called or promised something. */
const WORKSHOP = /\b(?:workshop|atelier|taller|seminar|seminaire|seminario)\b/;
const CONTACT =
  /\b(?:called?|phoned?|telephoned?|telephonique|by phone|on the phone|emailed|e ?mail(?:ed)?|email|wrote|written|writing|reached out|contacted|texted|messaged|appele|telephone|ecrit|courriel|contacte|llame|escribi|hable|spoke|spoken|speak|correo|contactamos|contacte)\b/;
const STRONG_CONTACT = /\b(?:telephon\w*|by phone|on the phone|phoned)\b/;
const MEETING =
  /\b(?:met|meet|meeting|meetings|mtg|bilateral|bilat|sat down|courtesy call|coffee|lunch|dinner|breakfast|rencontre|rencontres|rencontrons|reunion|entretien|bilaterale|reunimos|reuni|encuentro|talks)\b/;
const NEXT =
  /\b(?:agreed|agree|will|next step|follow up|promised|committed|undertook|s est engage|engage a|enverra|enverront|convenu|prochaine etape|se comprometio|enviara|enviaran|acordamos|acordo|proximo paso)\b/;

/** Words that say at which level it happened, checked before a capital city or Geneva is looked for. */
const PLACES: [ProposalLevel, RegExp][] = [
  [
    'regional',
    /\b(?:regional (?:workshop|meeting|seminar|event|conference|level|consultations?)|at (?:the )?regional level|atelier regional|taller regional|reunion regional)\b/,
  ],
  ['capital', /\b(?:in capital|en capitale|en la capital|in the capital|a la capitale)\b/],
];
const GENEVA = /\b(?:geneva|geneve|ginebra|mission|mision|missions|palais|permanent representative|deputy pr)\b/;
const MINISTRY = /\b(?:mfa|ministry|ministere|ministerio|foreign minister|itamaraty|cancilleria)\b/;

/** Reads one sentence as of `today` (YYYY-MM-DD). Pure: nothing is stored or logged. */
export function readProposals(sentence: string, lexicon: StateLexicon, today: string): ProposalReading {
  const read = readSentence(sentence, lexicon, today);
  if (read.happening === undefined || read.subjects.length === 0) return { proposals: [], missing: read.missing };
  const { happening, subjects } = read;
  const groups = happening.kind === 'workshop' ? [subjects] : subjects.map((s) => [s]);
  const proposals = groups.map((group) => {
    const states = group.map((s) => s.state);
    const near = group.filter((s) => s.how === 'near');
    const own = near.map((s) => `"${s.typed}" read as ${s.state.name}: is that right?`);
    const { sure, reasons, ...base } = happening;
    return { ...base, states, command: commandLine(base, states), sure: sure && near.length === 0, reasons: [...own, ...reasons] };
  });
  return { proposals, missing: [] };
}

/** What a sentence says happened, whoever it was with: a proposal without its states. */
type Happening = Omit<Proposal, 'command' | 'states'>;

/** All a sentence gives, even with no state named (a form is then filled with the rest). */
export interface SentenceReading {
  /** The sentence as a note: one line, at most the grammar's 1,000 characters. */
  note: string;
  /** Undefined when no word says what happened. */
  happening?: Happening;
  /** The states it is about, in the order named (a State Party beside one not party left out). */
  subjects: Subject[];
  /** What is missing for a proposal (no state, no verb). */
  missing: string[];
}

/** Reads one sentence as of `today` for what happened, when, where and with whom. Pure. */
export function readSentence(sentence: string, lexicon: StateLexicon, today: string): SentenceReading {
  const note = sentence.trim().replace(/\s+/g, ' ').slice(0, NOTE_LIMIT);
  const words = wordsOf(note);
  const plain = words.map((w) => nearKindWord(w.key) ?? w.key).join(' ');
  const mentions = lexicon.mentions(words);
  const kind = kindOf(plain);
  const missing = [
    ...(mentions.length === 0 ? ['No state named: name it as the grammar knows it (Kenya, Viet Nam, Lao PDR) or as "the Kenyan mission".'] : []),
    ...(kind === undefined ? ['No word says what happened (met, called, agreed to send, workshop).'] : []),
  ];
  const { subjects, doubts } = mentions.length > 0 ? subjectsOf(mentions) : { subjects: [], doubts: [] };
  if (kind === undefined) return { note, subjects, missing };
  const slot = kind === 'next' ? 'future' : 'past';
  const english = inEnglishDays(note);
  const found = dateInSentence(english, today, slot);
  const reasons = [...doubts];
  let date: string | undefined;
  if (found?.reading.ok && !isFarOff(found.reading)) {
    date = found.reading.date;
    reasons.push(`"${found.typed}" read as ${formatDate(date)}.`);
  } else if (found) {
    reasons.push(found.reading.ok ? `"${found.typed}" is far off: which day?` : `${found.reading.message} Which day?`);
  } else if (kind !== 'next') {
    date = today;
    reasons.push(`No day named: taken as today, ${formatDate(today)}.`);
  }
  if (kind === 'announced' || kind === 'joined')
    reasons.push(`News of ${kind === 'joined' ? 'a ratification or accession' : 'an announcement'} is always confirmed by a person before it is logged.`);
  const dateSure = found === undefined || (found.reading.ok && !isFarOff(found.reading));
  const level = kind === 'next' ? undefined : levelOf(plain, words, lexicon, kind);
  const step = kind === 'next' ? stepOf(note, mentions) : undefined;
  const sure = doubts.length === 0 && dateSure && kind !== 'announced' && kind !== 'joined';
  return { note, subjects, missing, happening: { kind, note, level, step, ...(date ? { date } : {}), sure, reasons } };
}

/** The sentence's words: possessives and French elisions off ("Kenya's", "l'Ouganda"), each with its comparison form. */
function wordsOf(text: string): Word[] {
  return text
    .split(/[\s,;:!?()"“”/]+|(?<=\p{L})\.(?=\s|$)/u)
    .map((typed) =>
      typed
        .replace(/^(?:l|d|qu)['’]/i, '')
        .replace(/['’]s?$/i, '')
        .replace(/\.$/, ''),
    )
    .filter((typed) => normalizeName(typed).length > 0)
    .map((typed) => ({ typed, key: normalizeName(typed) }));
}

/** Verbs a typo may stand for ("Bilatreal", "Calld"): one letter off, two in long words. */
const KIND_VOCABULARY = [
  'bilateral',
  'called',
  'emailed',
  'meeting',
  'contacted',
  'workshop',
  'phoned',
  'reached',
  'agreed',
  'deposited',
  'ratified',
  'acceded',
  'announced',
];

function nearKindWord(word: string): string | undefined {
  if (word.length < 5 || KIND_VOCABULARY.includes(word) || !/^[a-z]+$/.test(word)) return undefined;
  const allowed = word.length >= 8 ? 2 : 1;
  return KIND_VOCABULARY.find((known) => boundedEditDistance(word, known, allowed) <= allowed);
}

function kindOf(plain: string): ProposalKind | undefined {
  for (const [kind, pattern] of KIND_WORDS) if (pattern.test(plain)) return kind;
  const contact = CONTACT.exec(plain);
  const meeting = MEETING.exec(plain);
  if (contact && STRONG_CONTACT.test(plain)) return 'contacted';
  if (contact && meeting) return contact.index < meeting.index && !/courtesy call/.test(plain) ? 'contacted' : 'meeting';
  if (meeting) return 'meeting';
  if (contact) return 'contacted';
  if (NEXT.test(plain)) return 'next';
  return WORKSHOP.test(plain) ? 'workshop' : undefined;
}

/** One state a proposal is about, and how its name was read. */
interface Subject {
  state: StateRecord;
  typed: string;
  how: StateMention['how'];
}

/** The states the sentence is about: a State Party beside a state not party is its partner, not its subject. */
function subjectsOf(mentions: StateMention[]): { subjects: Subject[]; doubts: string[] } {
  const doubts: string[] = [];
  const subjects: Subject[] = [];
  for (const mention of mentions) {
    if (mention.states.length > 1) {
      doubts.push(`"${mention.typed}" may mean ${mention.states.map((s) => s.name).join(' or ')}: which one?`);
    }
    for (const state of mention.states.length > 1 ? mention.states.slice(0, 1) : mention.states) {
      if (!subjects.some((s) => s.state === state)) subjects.push({ state, typed: mention.typed, how: mention.how });
    }
  }
  const outreach = subjects.filter((s) => s.state.ccmStatus !== 'party');
  if (outreach.length > 0) return { subjects: outreach, doubts };
  doubts.push(
    `${subjects.map((s) => s.state.name).join(' and ')} ${subjects.length > 1 ? 'are States Parties' : 'is a State Party'} already: is this outreach to log?`,
  );
  return { subjects, doubts };
}

function levelOf(plain: string, words: readonly Word[], lexicon: StateLexicon, kind: ProposalKind): ProposalLevel | undefined {
  if (kind === 'workshop') return 'regional';
  for (const [level, pattern] of PLACES) if (pattern.test(plain)) return level;
  if (words.some((_, i) => /^(?:in|en|a|à|at)$/i.test(words[i - 1]?.typed ?? '') && lexicon.capitalAt(words, i))) return 'capital';
  if (GENEVA.test(plain)) return 'geneva';
  return MINISTRY.test(plain) ? 'capital' : undefined;
}

/** A next step's words: the sentence after what introduces the step, without the state's name and the due date. */
function stepOf(note: string, mentions: StateMention[]): string {
  let step = note.replace(/[.!]+$/, '');
  for (const mention of mentions) step = step.replace(mention.typed, ' ');
  step = step
    .replace(/^.*?\b(?:agreed to|will|next step(?: with)?\s*:?|to|s['’]est engagée? à|se comprometió a)\s+/i, '')
    .replace(/\s+(?:by|before|until|within|in|d['’]ici|antes del?)\s+.*$/i, '')
    .replace(/^(?:with|to|for)\s+/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  return step.length > 0 ? step.slice(0, 200) : 'follow up';
}

function commandLine(p: { kind: ProposalKind; date?: string; level?: ProposalLevel; step?: string; note: string }, states: StateRecord[]): string {
  const on = p.date ? ` on ${p.date}` : '';
  const names = states.map((s) => s.name);
  const note = ` — ${p.note}`;
  switch (p.kind) {
    case 'meeting':
      return `meeting ${names[0]} held${on}${p.level ? ` in ${p.level}` : ''}${note}`;
    case 'contacted':
      return `contacted ${names[0]}${on}${p.level ? ` via ${p.level}` : ''}${note}`;
    case 'next':
      return `next ${names[0]} ${p.step}${p.date ? ` by ${p.date}` : ''}${note}`;
    case 'workshop':
      return `workshop Regional workshop${on} with ${names.join(', ')}${note}`;
    case 'announced':
      return `announced ${names[0]}${on}${note}`;
    case 'joined':
      return `joined ${names[0]}${on}${note}`;
  }
}
