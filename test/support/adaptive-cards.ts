/**
 * The official Adaptive Cards library as a validator: its bundled build runs under Node for
 * parsing (rendering needs a DOM, see render-teams-view.test.ts). Its package entry point is
 * an ES module build with extensionless imports that Node cannot resolve, hence the bundle.
 */
import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';

const require = createRequire(import.meta.url);
export const AdaptiveCards = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

/** A card as the library understood it: what it parsed, and what it would send back. */
export function parseCard(json: object) {
  const context = new AdaptiveCards.SerializationContext(AdaptiveCards.Versions.v1_5);
  const card = new AdaptiveCards.AdaptiveCard();
  card.parse(json, context);
  return { card, context };
}

/**
 * Everything the library objects to in a card, for schema 1.5 as Teams renders it: unknown
 * elements or actions, invalid values, features newer than 1.5, duplicate ids, and any
 * property it silently dropped (a typo such as `wraps`), found by comparing its own
 * serialization with the input. `msteams` is Teams' extension, unknown to the library.
 */
export function cardProblems(json: object): string[] {
  const { card, context } = parseCard(json);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const event of card.validateProperties().validationEvents) problems.push(event.message);
  const { msteams: _teamsOnly, ...standard } = json as Record<string, unknown>;
  const roundTrip = card.toJSON();
  if (!isDeepStrictEqual(roundTrip, standard)) problems.push(`the parser reads the card differently:\n${firstDifference(standard, roundTrip)}`);
  return problems;
}

function firstDifference(expected: unknown, actual: unknown, path = '$'): string {
  if (expected && actual && typeof expected === 'object' && typeof actual === 'object') {
    for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      const a = (expected as Record<string, unknown>)[key];
      const b = (actual as Record<string, unknown>)[key];
      if (!isDeepStrictEqual(a, b)) return firstDifference(a, b, `${path}.${key}`);
    }
  }
  return `${path}: sent ${JSON.stringify(expected)}, parsed ${JSON.stringify(actual)}`;
}
