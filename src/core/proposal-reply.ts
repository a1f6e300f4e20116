/**
 * A sentence typed to the bot in a personal conversation, answered with what it would log:
 * "Log this? `meeting Kenya held on 2026-03-11 in geneva — …`" with a Log it button (the
 * proposed command, run through the normal path: roles, receipts, undo and the duplicate check
 * apply, so pressing twice stores once), Edit (the form, filled in from the sentence) and No. The sentence is read in memory only: nothing of
 * it is stored, and the log line about it names no word of it.
 */
import { formatDate } from '../domain/dates.ts';
import { type Proposal, type ProposalReading, readProposals } from '../domain/proposal.ts';
import type { StateLexicon } from '../domain/state-words.ts';
import { type Action, reply, type Reply } from './reply.ts';

/** The word the No button sends: answered without storing anything. */
const DISMISS = 'no';

/** What a sentence is read with: the state words, and the day "today" means. */
interface SentenceReading {
  lexicon: StateLexicon;
  today: string;
}

/**
 * The answer to text typed in a personal conversation that starts with no command word: a
 * sentence read as a proposal. `propose <text>` always answers; `no` dismisses a proposal.
 * Undefined: answer as before.
 */
export function answerSentence(text: string, word: string, { lexicon, today }: SentenceReading): Reply | undefined {
  if (text.toLowerCase() === DISMISS) return dismissedReply();
  const explicit = word.toLowerCase() === 'propose';
  const sentence = (explicit ? text.slice(word.length) : text).trim();
  const reading = readProposals(sentence, lexicon, today);
  return proposalReply(reading, sentence) ?? (explicit ? nothingToProposeReply(reading) : undefined);
}

/** Refusals a sentence that happens to start with a command's word ("Met …", "Called …") runs into. */
const SENTENCE_REFUSALS = new Set(['missing-held', 'unknown-state']);
/** Fewer words than this are a command being typed, whose refusal says how to finish it. */
const SENTENCE_WORDS = 6;

/**
 * A sentence that starts with a command's word ("Met the Kenyan mission this morning …") and
 * that the command refused: the proposal it reads as, when one is sure; else undefined (the
 * refusal stands, with its suggestions).
 */
export function sentenceInsteadOf(refusal: Reply, text: string, reading: SentenceReading): Reply | undefined {
  if (refusal.tone !== 'error' || !SENTENCE_REFUSALS.has(refusal.code ?? '') || text.split(/\s+/).length < SENTENCE_WORDS) return undefined;
  const proposed = readProposals(text, reading.lexicon, reading.today);
  return proposed.proposals.length > 0 && proposed.proposals.every((p) => p.sure) ? proposalReply(proposed, text) : undefined;
}

const KIND_LABELS: Record<Proposal['kind'], string> = {
  meeting: 'Meeting held',
  contacted: 'Contacted',
  next: 'Next step agreed',
  workshop: 'Regional workshop',
  announced: 'Announced (sensitive: check before logging)',
  joined: 'Ratified or acceded (sensitive: check before logging)',
};

/** The longest command a button carries on every platform (Slack's button value and Teams' data take 2,000 characters). */
const BUTTON_COMMAND_MAX = 2000;

/**
 * The reply for a reading of `sentence` with proposals, or undefined when it has none (the caller
 * answers as before). Edit opens the form filled in from the same sentence, to correct before saving.
 */
function proposalReply(reading: ProposalReading, sentence: string): Reply | undefined {
  const { proposals } = reading;
  if (proposals.length === 0) return undefined;
  const sure = proposals.every((p) => p.sure);
  const runnable = proposals.filter((p) => p.date !== undefined || p.kind === 'next');
  const actions: Action[] = [
    ...runnable.map((p) => ({
      label: runnable.length > 1 ? `Log ${p.states.map((s) => s.name).join(', ')}` : 'Log it',
      command: p.command,
      style: 'primary' as const,
    })),
    ...editButton(sentence),
    { label: 'No', command: DISMISS },
  ];
  return reply({
    tone: sure ? 'info' : 'warning',
    title: proposals.length === 1 ? `Log this? \`${proposals[0]!.command}\`` : `Log these? ${proposals.map((p) => `\`${p.command}\``).join(' ')}`,
    sections: proposals.map((p) => ({
      heading: `${p.states.map((s) => s.name).join(', ')}: ${p.sure ? 'sure' : 'please check'}`,
      items: [
        { text: 'What', detail: KIND_LABELS[p.kind] },
        { text: p.kind === 'next' ? 'Due' : 'Date', detail: p.date ? formatDate(p.date) : p.kind === 'next' ? 'none given' : 'which day? not read' },
        ...(p.kind === 'next' ? [{ text: 'Step', detail: p.step ?? '' }] : [{ text: 'Level', detail: p.level ?? 'your default' }]),
        ...p.reasons.map((reason) => ({ text: reason })),
      ],
    })),
    lines: [
      runnable.length < proposals.length
        ? 'Where the day was not read, type the command with its day, or correct it with Edit.'
        : 'Log it runs the command as shown; Edit opens it in the form; No keeps nothing.',
    ],
    actions,
  });
}

/** Edit: the form filled in from the sentence (`form from …`); none for a sentence too long for a button. */
function editButton(sentence: string): Action[] {
  const command = `form from ${sentence}`;
  return command.length <= BUTTON_COMMAND_MAX ? [{ label: 'Edit', command }] : [];
}

/** The answer to No: nothing was kept. */
function dismissedReply(): Reply {
  return reply({ tone: 'info', title: 'Not logged.', lines: ['Nothing of that sentence was kept.'] });
}

/** The answer to `propose` with text that gives no proposal: what was missing. */
function nothingToProposeReply(reading: ProposalReading): Reply {
  return reply({ tone: 'info', title: 'Nothing to log in that sentence.', lines: [...reading.missing, 'Type `help` for the commands.'] });
}
