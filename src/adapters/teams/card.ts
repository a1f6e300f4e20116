/**
 * The shapes ccm-bot sends to Teams: the few Adaptive Card 1.5 elements its cards use, the
 * activity around them, and the data its buttons carry. Plain objects, no SDK.
 */
import type { TextRun } from './card-text.ts';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

/**
 * The data every ccm-bot button carries: the command to run for the person who pressed it.
 * `Action.Submit` brings it back as the message activity's `value`; `Action.Execute` as
 * `value.action.data` of an `adaptiveCard/action` invoke with verb {@link CCM_ACTION_VERB}.
 * Read it with {@link commandFromTeamsValue}.
 */
interface CcmActionData {
  ccm: string;
}
const CCM_ACTION_DATA_KEY = 'ccm' satisfies keyof CcmActionData;
export const CCM_ACTION_VERB = 'ccm';

export interface RichTextBlock {
  type: 'RichTextBlock';
  inlines: TextRun[];
  spacing?: 'None' | 'Medium';
  separator?: true;
}
interface FactSet {
  type: 'FactSet';
  facts: { title: string; value: string }[];
}
export interface Container {
  type: 'Container';
  items: CardElement[];
  spacing?: 'None' | 'Medium';
  separator?: true;
}
export type CardElement = RichTextBlock | FactSet | Container;

export interface CardAction {
  type: 'Action.Submit' | 'Action.Execute';
  title: string;
  data: CcmActionData;
  verb?: typeof CCM_ACTION_VERB;
  style?: 'positive' | 'destructive';
}

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: typeof ADAPTIVE_CARD_SCHEMA;
  version: '1.5';
  fallbackText: string;
  body: CardElement[];
  actions?: CardAction[];
  /** Full width in Teams: lists and notes wrap less on a desktop; phones are full width anyway. */
  msteams: { width: 'Full' };
}

export interface TeamsActivity {
  type: 'message';
  summary: string;
  attachments: [{ contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE; content: AdaptiveCard }];
}

/** The command a pressed ccm-bot button carries, from an activity's `value` (Submit or Execute). */
export function commandFromTeamsValue(value: unknown): string | undefined {
  const record = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined);
  const action = record(record(value)?.action);
  const data = action ? (action.verb === CCM_ACTION_VERB ? record(action.data) : undefined) : record(value);
  const command = data?.[CCM_ACTION_DATA_KEY];
  return typeof command === 'string' && command.trim() !== '' ? command : undefined;
}
