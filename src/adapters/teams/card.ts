/**
 * The shapes ccm-bot sends to Teams: the few Adaptive Card 1.5 elements its cards use, the
 * activity around them, and the data its buttons carry. Plain objects, no SDK.
 */
import type { TextRun } from './card-text.ts';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

/**
 * The data every ccm-bot button carries: the command to run for the person who pressed it,
 * and whether pressing it settles its card (see {@link Action.settles}: the card is then
 * replaced with the outcome). `Action.Submit` brings it back as the message activity's `value`;
 * read it with {@link buttonFromTeamsValue}.
 */
interface CcmActionData {
  ccm: string;
  settles?: true;
  /** Teams' own: a button that opens a dialog (`task/fetch`) rather than posting a message. */
  msteams?: { type: 'task/fetch' };
}

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
  type: 'Action.Submit';
  title: string;
  data: CcmActionData;
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

/** What a pressed ccm-bot button carries, from a message activity's `value`; undefined for anything else. */
export function buttonFromTeamsValue(value: unknown): { command: string; settles: boolean } | undefined {
  const data = value && typeof value === 'object' ? (value as Partial<Record<keyof CcmActionData, unknown>>) : undefined;
  const command = data?.ccm;
  return typeof command === 'string' && command.trim() !== '' ? { command, settles: data?.settles === true } : undefined;
}
