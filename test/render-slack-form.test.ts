/**
 * Slack's limits on the Log outreach modal, at their worst: every state's longest label within
 * the 75 characters of an option, at most 100 options, a modal with every field and the longest
 * values within Slack's counts, and the modal's values read back as they were shown.
 */
import { expect, it } from 'vitest';
import { renderSlackForm, slackFormValues, slackStateOptions } from '../src/adapters/slack/render-form.ts';
import { FORM_TEXT_MAX, logOutreachForm } from '../src/core/form.ts';
import { loadStatesCsv } from '../src/domain/states.ts';
import { stateChoices } from '../src/domain/state-choices.ts';

const states = loadStatesCsv(new URL('../data/states.csv', import.meta.url).pathname);

it('offers at most 100 options, none longer than Slack shows, whatever is typed', () => {
  expect(slackStateOptions(stateChoices(states, '', '2026-03-10')).options).toHaveLength(100);
  for (const state of states) {
    for (const name of [state.name, ...state.aliases]) {
      const { options } = slackStateOptions(stateChoices(states, name, '2026-03-10'));
      expect(options.length).toBeLessThanOrEqual(100);
      expect(options.map((o) => o.value)).toContain(state.iso3);
      for (const option of options) expect(option.text.text.length).toBeLessThanOrEqual(75);
    }
  }
});

it('puts states not party before parties that match as well', () => {
  // "Republic" starts a word of many names; the first ones offered are not party on this day.
  const [first] = stateChoices(states, 'republic', '2026-03-10');
  const state = states.find((s) => s.iso3 === first?.iso3);
  expect(state?.ccmStatus).not.toBe('party');
});

it('keeps a full modal within Slack’s limits and reads its values back', () => {
  const long = 'x'.repeat(FORM_TEXT_MAX);
  const form = logOutreachForm(
    {
      what: 'meeting',
      state: { value: 'LAO', label: "Lao People's Democratic Republic (LAO) — Lao PDR" },
      date: '2026-03-03',
      level: 'regional',
      note: long,
      again: true,
    },
    { again: 'You already logged a meeting with Lao PDR on 3 Mar 2026 (#1). Tick "Log again" if there was a second one that day.' },
  );
  const view = renderSlackForm(form, { channel: 'C0123456789' });
  expect(view.title.text.length).toBeLessThanOrEqual(24);
  expect(view.blocks.length).toBeLessThanOrEqual(100);
  expect(view.private_metadata.length).toBeLessThanOrEqual(3000);
  // What Slack submits for the modal as shown: each element's initial value as its state.
  const values: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const block of view.blocks) {
    if (block.type !== 'input') continue;
    const element = block.element as Record<string, unknown>;
    values[String(block.block_id)] = {
      [String(element.action_id)]: {
        value: element.initial_value,
        selected_date: element.initial_date,
        selected_option: element.initial_option,
        selected_options: element.initial_options,
      },
    };
  }
  expect(slackFormValues({ values } as never)).toEqual(form.values);
});
