/**
 * Checks on Block Kit messages as Slack would receive them.
 */
import { expect } from 'vitest';
import { SLACK_LIMITS, type SlackMessage } from '../../src/adapters/slack/render.ts';

/** Every limit Slack enforces on a message we send. */
export function expectWithinSlackLimits(message: SlackMessage): void {
  expect(slackLimitProblems(message)).toEqual([]);
}

/** What Slack would refuse in a message, one line per problem; none for a good message. */
export function slackLimitProblems(message: SlackMessage): string[] {
  const problems: string[] = [];
  const atMost = (what: string, value: number, limit: number) => {
    if (value > limit) problems.push(`${what}: ${value} > ${limit}`);
  };
  atMost('blocks', message.blocks.length, SLACK_LIMITS.blocks);
  atMost('fallback text', message.text.length, SLACK_LIMITS.fallbackText);
  if (message.text.length === 0) problems.push('empty fallback text');
  for (const [i, block] of (message.blocks as unknown as Record<string, any>[]).entries()) {
    if (block.type === 'section') {
      if (block.text) atMost(`block ${i} text`, block.text.text.length, SLACK_LIMITS.sectionText);
      if (block.text && block.text.text.length === 0) problems.push(`block ${i}: empty text`);
      if (block.fields) {
        atMost(`block ${i} fields`, block.fields.length, SLACK_LIMITS.fields);
        for (const field of block.fields) atMost(`block ${i} field`, field.text.length, SLACK_LIMITS.fieldText);
      }
    } else if (block.type === 'actions') {
      atMost(`block ${i} buttons`, block.elements.length, SLACK_LIMITS.actionsElements);
      const ids = block.elements.map((e: { action_id: string }) => e.action_id);
      if (new Set(ids).size !== ids.length) problems.push(`block ${i}: duplicate action ids ${ids.join(', ')}`);
      for (const button of block.elements) {
        atMost(`block ${i} button text`, button.text.text.length, SLACK_LIMITS.buttonText);
        atMost(`block ${i} button value`, button.value.length, SLACK_LIMITS.buttonValue);
      }
    } else if (block.type === 'context') {
      atMost(`block ${i} elements`, block.elements.length, SLACK_LIMITS.contextElements);
      for (const element of block.elements) atMost(`block ${i} element text`, element.text.length, SLACK_LIMITS.sectionText);
    } else {
      problems.push(`block ${i}: unexpected type ${block.type}`);
    }
  }
  return problems;
}

/** Every mrkdwn text in a message (plain_text, such as a button's label, is shown as it is). */
function mrkdwnTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(mrkdwnTexts);
  if (typeof node !== 'object' || node === null) return [];
  const object = node as Record<string, unknown>;
  const own = object.type === 'mrkdwn' && typeof object.text === 'string' ? [object.text] : [];
  return [...own, ...Object.values(object).flatMap(mrkdwnTexts)];
}

/** Slack markup (mentions, channel links, links) left in a message's mrkdwn, where Slack would act on it. */
export function slackMarkupProblems(message: SlackMessage): string[] {
  return [message.text, ...mrkdwnTexts(message.blocks)].filter((text) => /<[!@#]|<https?:/.test(text)).map((text) => `Slack markup in ${JSON.stringify(text)}`);
}
