/**
 * Ranking states not party by the work plan's Priority Target Profiles (section 3), with the
 * weights of the plan's `targeting:` block. Pure: the caller gathers the facts and the log.
 * Points are whole numbers, so each suggestion's parts add up to its score exactly; a signal the
 * data cannot support (no UNGA votes loaded, nothing in the log yet) gives 0 and is named.
 */
import { ccmStatusOn } from './ccm.ts';
import { addMonths, formatDate } from './dates.ts';
import type { StateFacts } from './facts.ts';
import type { EntryKind } from './plan.ts';
import { type Signal, SIGNALS, SIGNAL_TEXT, type TargetingRules } from './targeting-rules.ts';

export interface LoggedFact {
  stateIso3: string;
  kind: EntryKind;
  occurredOn: string;
}

interface ScorePart {
  signal: Signal;
  points: number;
  /** Why the state has it: "Philippines (ASEAN), engaged 3 Mar 2026". */
  why: string;
}

export interface TargetSuggestion {
  state: StateFacts;
  score: number;
  parts: ScorePart[];
}

export interface Ranking {
  /** Every state not party, best first (ties by name). */
  suggestions: TargetSuggestion[];
  /** The signals that gave no points to anyone, and why. */
  unused: string[];
}

/** Short names of the signals, for the breakdown "signatory 40 · Mine Ban Convention 10". */
export const SIGNAL_SHORT: Record<Signal, string> = {
  signatory: 'signatory',
  mineBanConvention: 'Mine Ban Convention',
  crpd: 'CRPD',
  ungaVote: 'UNGA vote for',
  interimSteps: 'interim steps',
  engagementImproving: 'engagement improving',
  regionalChampion: 'regional champion',
};

const GROUPS = [
  { key: 'asean', name: 'ASEAN' },
  { key: 'au', name: 'AU' },
  { key: 'caricom', name: 'CARICOM' },
] as const;

const isEngagement = (e: LoggedFact) => e.kind === 'contacted' || e.kind === 'meeting';

export function rankTargets(rules: TargetingRules, states: readonly StateFacts[], log: readonly LoggedFact[], today: string): Ranking {
  const recentFrom = addMonths(today, -rules.recentMonths);
  const earlierFrom = addMonths(today, -2 * rules.recentMonths);
  const votesLoaded = states.some((s) => s.ungaCcmVote !== 'unknown');
  const byState = new Map<string, LoggedFact[]>();
  for (const entry of log) byState.set(entry.stateIso3, [...(byState.get(entry.stateIso3) ?? []), entry]);
  const champions = regionalChampions(states, log, recentFrom, today);

  const suggestions = states
    .filter((s) => s.ccmStatus !== 'party')
    .map((state): TargetSuggestion => {
      const entries = byState.get(state.iso3) ?? [];
      const interim = entries.filter((e) => e.kind === 'interim');
      const recent = entries.filter((e) => isEngagement(e) && e.occurredOn > recentFrom).length;
      const earlier = entries.filter((e) => isEngagement(e) && e.occurredOn > earlierFrom && e.occurredOn <= recentFrom).length;
      const champion = GROUPS.filter((g) => state[g.key])
        .map((g) => champions.get(g.key))
        .find(Boolean);
      const found: Partial<Record<Signal, string>> = {
        signatory: state.ccmStatus === 'signatory' ? 'signed, not ratified' : undefined,
        mineBanConvention: state.apmbc === 'party' || state.apmbc === 'withdrawing' ? 'party' : undefined,
        crpd: state.crpd === 'party' ? 'party' : undefined,
        ungaVote: votesLoaded && state.ungaCcmVote === 'yes' ? 'yes' : undefined,
        interimSteps: interim.length > 0 ? `${interim.length}, latest ${formatDate(interim.at(-1)!.occurredOn)}` : undefined,
        engagementImproving:
          recent > earlier
            ? `${recent} ${recent === 1 ? 'contact or meeting' : 'contacts and meetings'} in the last ${rules.recentMonths} months, ${earlier} before`
            : undefined,
        regionalChampion: champion,
      };
      const parts = SIGNALS.flatMap((signal) => {
        const why = found[signal];
        const points = rules.weights[signal];
        return why !== undefined && points > 0 ? [{ signal, points, why }] : [];
      });
      return { state, score: parts.reduce((sum, p) => sum + p.points, 0), parts };
    });
  suggestions.sort((a, b) => b.score - a.score || a.state.name.localeCompare(b.state.name));

  const gave = new Set(suggestions.flatMap((s) => s.parts.map((p) => p.signal)));
  const unused = SIGNALS.filter((signal) => !gave.has(signal)).map((signal) => unusedText(signal, rules, { votesLoaded, log, earlierFrom, recentFrom }));
  return { suggestions, unused };
}

/**
 * For each regional group, a State Party of it engaged recently (the latest engaged), as the
 * text a suggestion shows: "Philippines (ASEAN), engaged 3 Mar 2026".
 */
function regionalChampions(states: readonly StateFacts[], log: readonly LoggedFact[], recentFrom: string, today: string): Map<string, string> {
  const lastEngaged = new Map<string, string>();
  for (const e of log) {
    if (isEngagement(e) && e.occurredOn > recentFrom && e.occurredOn > (lastEngaged.get(e.stateIso3) ?? '')) lastEngaged.set(e.stateIso3, e.occurredOn);
  }
  const found = new Map<string, string>();
  for (const group of GROUPS) {
    const best = states
      .filter((s) => s[group.key] && ccmStatusOn(s, today) === 'party' && lastEngaged.has(s.iso3))
      .sort((a, b) => lastEngaged.get(b.iso3)!.localeCompare(lastEngaged.get(a.iso3)!) || a.name.localeCompare(b.name))[0];
    if (best) found.set(group.key, `${best.name} (${group.name}), engaged ${formatDate(lastEngaged.get(best.iso3)!)}`);
  }
  return found;
}

function unusedText(
  signal: Signal,
  rules: TargetingRules,
  data: { votesLoaded: boolean; log: readonly LoggedFact[]; earlierFrom: string; recentFrom: string },
): string {
  if (rules.weights[signal] === 0) return `${SIGNAL_TEXT[signal]}: weight 0 in the plan`;
  switch (signal) {
    case 'ungaVote':
      return data.votesLoaded ? 'UNGA votes: no state not party voted for the resolution' : 'UNGA votes: not loaded (import them with `ccm data import`)';
    case 'interimSteps':
      return 'Interim steps: none in the log (`interim <state> <what it did>`)';
    case 'engagementImproving':
      return `Engagement improving: no state has more contacts and meetings since ${formatDate(data.recentFrom)} than in the ${rules.recentMonths} months before`;
    case 'regionalChampion':
      return `Regional champions: no State Party of ASEAN, the AU or CARICOM contacted or met since ${formatDate(data.recentFrom)}, or none with a state not party in its group`;
    default:
      return `${SIGNAL_TEXT[signal]}: no state not party has it`;
  }
}
