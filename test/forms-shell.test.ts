/**
 * The "Log outreach" form in the shell: its numbered questions, answered through piped input,
 * log the same entry as the typed command, and a refused answer is asked again with nothing saved.
 */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ccm } from './support/ccm.ts';
import { tempDir } from './support/harness.ts';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A rehearsed day inside the 2025–2026 plan, whatever day the suite runs. */
const IN_THE_CYCLE = ['shell', '--today', '2026-03-20'];

async function shell(database: string, input: string[]) {
  return ccm(IN_THE_CYCLE, { HOME: dir, CCM_DB_PATH: join(dir, database), CCM_USER: 'ana' }, `${input.join('\n')}\n`);
}

/** Every column of every entry but when it was written (the clock runs between two shells). */
function entries(database: string): Record<string, unknown>[] {
  const db = new Database(join(dir, database), { readonly: true });
  try {
    return (db.prepare('SELECT * FROM entries ORDER BY id').all() as Record<string, unknown>[]).map(({ created_at: _at, ...row }) => row);
  } finally {
    db.close();
  }
}

it('asks the questions in order and logs what the typed command logs', async () => {
  const typed = await shell('typed.sqlite', ['meeting Kenya held on 2026-03-10 in capital — briefed the minister']);
  expect(typed.out).toContain('✓ Logged #1: meeting held, Kenya');
  const form = await shell('form.sqlite', ['form', '2', 'Kenya', '2026-03-10', '2', 'briefed the minister']);
  expect(form.err).toBe('');
  expect(form.out).toContain('1. What happened (1 Contacted · 2 Meeting held · 3 Next step agreed) [Meeting held]: 2');
  expect(form.out).toContain('4. Level (1 Geneva · 2 Capital · 3 Regional) [Geneva]: 2');
  expect(form.out).toContain('✓ Logged #1: meeting held, Kenya');
  expect(form.out).toContain('Typed, this is: meeting Kenya held on 2026-03-10 in capital — briefed the minister');
  expect(entries('form.sqlite')).toEqual(entries('typed.sqlite'));
});

it('asks again only for a refused field, with nothing saved until it is right', async () => {
  const run = await shell('refused.sqlite', ['form', '1', 'Atlantis', '', '', '', 'Kenya']);
  expect(run.out).toContain('✗ State: I don\'t know a state called "Atlantis".');
  expect(run.out).toMatch(/2\. State \[Atlantis\]: Kenya/);
  expect(run.out).toContain('✓ Logged #1: contacted, Kenya');
  expect(entries('refused.sqlite')).toHaveLength(1);
});

it('asks a next step for its step and due date, not a level', async () => {
  const run = await shell('next.sqlite', ['form', '3', 'Viet Nam', 'send the model instrument', '2026-05-01', '']);
  expect(run.out).not.toContain('Level');
  expect(run.out).toContain('✓ Logged #1: next step agreed, Viet Nam');
  expect(run.out).toContain('Typed, this is: next Viet Nam send the model instrument by 2026-05-01');
});

it('stops with nothing saved on cancel', async () => {
  const run = await shell('cancel.sqlite', ['form', '2', 'cancel']);
  expect(run.out).toContain('Cancelled: nothing was saved.');
  expect(entries('cancel.sqlite')).toEqual([]);
});

it('opens a next step for a state from its card, asking from the state on', async () => {
  const run = await shell('card.sqlite', ['state Kenya', 'form next KEN', '', 'send the Q&A', '2026-04-01', '']);
  expect(run.out).toContain('Add next step: form next KEN');
  expect(run.out).not.toContain('1. What happened');
  expect(run.out).toContain('2. State [Kenya (KEN)]: ');
  expect(run.out).toContain('✓ Logged #1: next step agreed, Kenya');
  expect(entries('card.sqlite')).toEqual([expect.objectContaining({ kind: 'next_step', state_iso3: 'KEN', step: 'send the Q&A', due_on: '2026-04-01' })]);
});

it('fills the questions in from a sentence, asking only to confirm each', async () => {
  const run = await shell('sentence.sqlite', ['form from Met the Kenyan mission yesterday in Geneva about the Q&A', '', '', '', '', '']);
  expect(run.out).toContain('1. What happened (1 Contacted · 2 Meeting held · 3 Next step agreed) [Meeting held]: ');
  expect(run.out).toContain('2. State [Kenya (KEN)]: ');
  expect(run.out).toContain('3. Held on [2026-03-19]: ');
  expect(run.out).toContain('✓ Logged #1: meeting held, Kenya');
  expect(entries('sentence.sqlite')).toEqual([
    expect.objectContaining({
      kind: 'meeting',
      state_iso3: 'KEN',
      occurred_on: '2026-03-19',
      level: 'geneva',
      note: 'Met the Kenyan mission yesterday in Geneva about the Q&A',
    }),
  ]);
});

it('corrects an entry through the questions, running edit with what changed', async () => {
  const run = await shell('edit.sqlite', ['meeting Kenya held on 2026-03-10 in capital — briefed the minister', 'form edit #1', '', '', '2026-03-09', '', '']);
  expect(run.out).toContain('Edit: form edit #1');
  expect(run.out).toContain('3. Held on [2026-03-10]: 2026-03-09');
  expect(run.out).toContain('✓ Edited #1');
  expect(run.out).toContain('Typed, this is: edit #1 on 2026-03-09 — briefed the minister');
  expect(entries('edit.sqlite')).toEqual([
    expect.objectContaining({ kind: 'meeting', occurred_on: '2026-03-09', level: 'capital', note: 'briefed the minister' }),
  ]);
});
