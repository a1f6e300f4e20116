/**
 * Teams' limits on the Log outreach dialog, at their worst: every state with all its aliases,
 * every field of a kind, errors beside each, and the longest values in characters that count
 * twice in UTF-16, still under the size a Teams message may have. And the dialog's values read
 * back as they were shown.
 */
import { expect, it } from 'vitest';
import { TEAMS_LIMITS, teamsSize } from '../src/adapters/teams/render.ts';
import { teamsFormDialog, teamsFormValues } from '../src/adapters/teams/render-form.ts';
import { FORM_FIELDS, FORM_TEXT_MAX, type FormValues, logOutreachForm } from '../src/core/form.ts';
import { loadStatesCsv } from '../src/domain/states.ts';
import { stateChoices } from '../src/domain/state-choices.ts';

const states = loadStatesCsv(new URL('../data/states.csv', import.meta.url).pathname);
const every = stateChoices(states, '', '2026-03-10', { every: true });
const longest = '🌍'.repeat(FORM_TEXT_MAX);
const errors = Object.fromEntries(FORM_FIELDS.map((field) => [field, `${longest.slice(0, 400)} is refused.`]));

it.each(['meeting', 'next'] as const)('keeps the dialog of a %s with every field, error and longest value under Teams’ size limit', (what) => {
  const values: FormValues = {
    what,
    state: { value: 'LAO', label: every[0]!.label },
    date: '2026-03-03',
    due: '2026-04-01',
    level: 'capital',
    step: longest,
    note: longest,
    again: true,
  };
  const dialog = teamsFormDialog(logOutreachForm(values, errors), every, 'opened-1');
  expect(every).toHaveLength(states.length);
  expect(teamsSize(dialog)).toBeLessThan(TEAMS_LIMITS.messageSize);
});

it('reads a submission back as the values shown, whatever else Teams adds to it', () => {
  const values: FormValues = {
    what: 'next',
    state: { value: 'VNM', label: every.find((c) => c.iso3 === 'VNM')!.label },
    step: 'send the model instrument',
    due: '2026-04-01',
    note: 'by post',
  };
  const data = {
    ccmForm: 'log-outreach',
    what: 'next',
    opened: 'opened-1',
    state: 'VNM',
    step: 'send the model instrument',
    due: '2026-04-01',
    note: 'by post',
    msteams: {},
  };
  expect(teamsFormValues(data, every)).toEqual(values);
  // Empty inputs, an unknown state and an unknown level are empty fields.
  expect(teamsFormValues({ what: 'meeting', state: 'XXX', level: 'moon', date: '', again: 'false' }, every)).toEqual({ what: 'meeting' });
});
