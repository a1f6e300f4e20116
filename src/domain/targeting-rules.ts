/**
 * The plan file's `targeting:` block: how `suggest` weighs the Priority Target Profiles of the
 * work plan (section 3) when ranking states not party. Weights are whole points, so a
 * suggestion's parts always add up to its score exactly. Every field has a default, so a plan
 * may leave the block out; a weight of 0 turns a signal off (and `suggest` says so).
 */
import { z } from 'zod';

const points = z.number().int().nonnegative();

export const SIGNALS = ['signatory', 'mineBanConvention', 'crpd', 'ungaVote', 'interimSteps', 'engagementImproving', 'regionalChampion'] as const;
export type Signal = (typeof SIGNALS)[number];

/** What each signal means, in the words `suggest` and `ccm plan check` use. */
export const SIGNAL_TEXT: Record<Signal, string> = {
  signatory: 'signatory that has not ratified',
  mineBanConvention: 'party to the Mine Ban Convention',
  crpd: 'party to the CRPD',
  ungaVote: 'voted for the annual UNGA CCM resolution',
  interimSteps: 'interim steps in the log (statement, national policy, voluntary transparency report)',
  engagementImproving: 'engagement improving (more contacts and meetings in the recent months than in as many months before)',
  regionalChampion: 'a regional champion available (a State Party of its ASEAN, AU or CARICOM group engaged recently)',
};

export const targetingSchema = z
  .object({
    weights: z
      .object({
        // With these defaults every signatory ranks above every other state until UNGA votes
        // are loaded: without a vote a non-signatory scores at most 10 + 5 + 10 + 5 + 5 = 35 < 40.
        signatory: points.default(40),
        mineBanConvention: points.default(10),
        crpd: points.default(5),
        ungaVote: points.default(10),
        interimSteps: points.default(10),
        engagementImproving: points.default(5),
        regionalChampion: points.default(5),
      })
      .strict()
      .prefault({}),
    /** "Recent": the months compared for the trend (these months against as many before) and for a champion's engagement. */
    recentMonths: z.number().int().positive().max(24).default(6),
  })
  .strict()
  .prefault({});

export type TargetingRules = z.infer<typeof targetingSchema>;

/** The block in words, for `ccm plan check`. */
export function describeTargeting(rules: TargetingRules): string[] {
  return [
    'Target suggestions (`suggest`): points per Priority Target Profile (section 3), added up',
    ...SIGNALS.map((signal) => `  - ${SIGNAL_TEXT[signal]}: ${rules.weights[signal] === 0 ? 'not used (weight 0)' : `${rules.weights[signal]} points`}`),
    `  "Recent" is the last ${rules.recentMonths} months; the trend compares them with the ${rules.recentMonths} months before.`,
  ];
}
