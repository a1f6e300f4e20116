// @vitest-environment happy-dom
/**
 * Teams cards drawn by the official Adaptive Cards renderer in a DOM, with the strictest
 * Markdown a host could apply (HTML on, URLs and e-mail addresses linked): the closest this
 * machine gets to a Teams screen. Hostile notes must read as typed, with no link, emphasis,
 * heading, quote, list or mention; buttons must show their label and run their command.
 */
import MarkdownIt from 'markdown-it';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderTeams, type TeamsActivity } from '../src/adapters/teams/render.ts';
import { visibleText } from '../src/adapters/teams/card-text.ts';
import { AdaptiveCards, parseCard } from './support/adaptive-cards.ts';
import { createTestBot, type TestBot } from './support/harness.ts';

const HOSTILE =
  '**bold** _x_ [click](https://evil.example) <at>Everyone</at> @channel https://evil.example x@y.org # heading > quote {{DATE(2026-03-10T09:00:00Z, SHORT)}}';
const markdown = new MarkdownIt({ html: true, linkify: true });

function draw(activity: TeamsActivity) {
  const { card } = parseCard(activity.attachments[0].content);
  const pressed: unknown[] = [];
  card.onExecuteAction = (action) => pressed.push((action as { data?: unknown }).data);
  const element = card.render();
  if (!element) throw new Error('the card did not render');
  return { element, pressed };
}

/** Every text of a card, as Teams would hand it to a link detector. */
function texts(activity: TeamsActivity): string[] {
  const found: string[] = [activity.summary, activity.attachments[0].content.fallbackText];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (typeof value === 'string' && ['text', 'title', 'value'].includes(key)) found.push(value);
        else walk(value);
      }
    }
  };
  walk(activity.attachments[0].content.body);
  return found;
}

let bot: TestBot;
beforeAll(() => {
  AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = markdown.render(text);
    result.didProcess = true;
  };
  bot = createTestBot({ now: '2026-03-10T09:00:00Z' });
  bot.say(`contacted Kenya — ${HOSTILE}`);
  bot.say(`next Kenya ${HOSTILE} by 1 Apr`);
  bot.say('target add Kenya lead <at>Everyone</at> [Norway](https://evil.example)');
});
afterAll(() => {
  AdaptiveCards.AdaptiveCard.onProcessMarkdown = undefined;
  bot.close();
});

describe('a Teams card on screen', () => {
  it.each(['state Kenya', 'log', 'targets', 'help', 'deliverables', `meeting Kenya held — ${HOSTILE}`])(
    '%s: user text as typed, nothing formatted or linked',
    (command) => {
      const activity = renderTeams(bot.say(command));
      const { element } = draw(activity);
      const seen = visibleText(element.textContent ?? '');
      if (command !== 'help' && command !== 'deliverables')
        expect(seen).toContain(command === 'targets' ? '<at>Everyone</at> [Norway](https://evil.example)' : HOSTILE);
      expect(element.querySelectorAll('a, strong, em, b, i, code, h1, h2, h3, blockquote, ul, ol, li, img, at').length).toBe(0);
      // The date template is left as typed, not turned into a date.
      if (command.startsWith('state') || command.startsWith('meeting')) expect(seen).toContain('{{DATE(2026-03-10T09:00:00Z, SHORT)}}');
      for (const text of texts(activity)) expect(markdown.linkify.match(text), text).toBeNull();
    },
  );

  it('shows the buttons, and pressing one hands the adapter its command', () => {
    const { element, pressed } = draw(renderTeams(bot.say('meeting Lao PDR held')));
    const buttons = [...element.querySelectorAll('button')];
    expect(buttons.map((b) => b.textContent)).toEqual(['Undo', 'Edit']);
    // What a click runs; happy-dom's own click() fails on the renderer setting the read-only event.cancelBubble.
    buttons[0]!.onclick?.call(buttons[0]!, { preventDefault: () => {}, stopPropagation: () => {} } as never);
    expect(pressed).toEqual([{ ccm: 'undo #4', settles: true }]);
  });

  it('shows a command in bot text in the monospace font', () => {
    const { element } = draw(renderTeams(bot.say('frobnicate')));
    const runs = [...element.querySelectorAll('.ac-textRun')].filter((run) => /monospace/i.test((run as { style: { fontFamily: string } }).style.fontFamily));
    expect(runs.map((run) => visibleText(run.textContent ?? ''))).toEqual(['help', 'help <command>']);
  });
});
