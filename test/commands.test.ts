import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBot, fact, progress, TEST_ADMINS, type TestBot } from './support/harness.ts';
import { slackActor, slackPlace } from './support/places.ts';

let bot: TestBot;
beforeEach(() => {
  bot = createTestBot({ now: '2026-03-10T09:00:00Z' });
});
afterEach(() => bot.close());

const entryCount = () => bot.database.sqlite.prepare('SELECT count(*) AS n FROM entries WHERE withdrawn_at IS NULL').get() as { n: number };

describe('logging outreach', () => {
  it('logs a meeting with the canonical name, today, and an undo action', () => {
    const reply = bot.say('/ccm meeting Lao PDR held');
    expect(reply.tone).toBe('success');
    expect(reply.title).toBe("Logged #1: meeting held, Lao People's Democratic Republic");
    expect(fact(reply, 'Date')).toBe('10 Mar 2026');
    expect(reply.actions).toEqual([
      { label: 'Undo', command: 'undo #1', style: 'danger', settles: true },
      { label: 'Edit', command: 'form edit #1' },
    ]);
    // Lao PDR is a State Party: allowed (Objective 1), but said.
    expect(reply.lines?.join(' ')).toContain('already a State Party (since 1 Aug 2010; instrument deposited 18 Mar 2009)');
    expect(reply.visibility).toBe('private');
  });

  it('logs a contact with level and note, echoing the note as typed', () => {
    const reply = bot.say('contacted Vietnam via capital — raised at bilateral consultations');
    expect(reply.title).toBe('Logged #1: contacted, Viet Nam');
    expect(fact(reply, 'Level')).toBe('capital');
    expect(fact(reply, 'Note')).toBe('raised at bilateral consultations');
    expect(reply.lines).toBeUndefined();
  });

  it('logs a next step with its owner and due date', () => {
    const reply = bot.say('next Viet Nam share ratification steps note by 2026-04-15', 'bob');
    expect(reply.title).toBe('Logged #1: next step agreed, Viet Nam');
    expect(fact(reply, 'Next step')).toBe('share ratification steps note');
    expect(fact(reply, 'Due')).toBe('15 Apr 2026');
    expect(fact(reply, 'Owner')).toBe('bob');
  });

  it('keeps "by" that is not a date in the step', () => {
    const reply = bot.say('next Kenya send model instrument by email');
    expect(fact(reply, 'Next step')).toBe('send model instrument by email');
    expect(fact(reply, 'Due')).toBe('no date given');
  });

  it.each([
    ['meeting Atlantis held', 'unknown-state'],
    ['meeting Lao PRD held', 'unknown-state'],
    ['meeting Korea held', 'ambiguous-state'],
    ['meeting Kenya', 'missing-held'],
    ['meeting Kenya held on 2026-03-11', 'future-date'],
    ['meeting Kenya held on 31 Feb', 'bad-date'],
    ['contacted Kenya via embassy', 'bad-level'],
    ['contacted Kenya on', 'missing-value'],
    ['next Kenya', 'missing-step'],
    ['next Kenya send text by 2026-03-01', 'past-due'],
    ['next Kenya send text by 3/4', 'bad-date'],
    [`contacted Kenya — ${'x'.repeat(1001)}`, 'note-too-long'],
    ['frobnicate', 'unknown-command'],
  ])('refuses %j with %s and stores nothing', (text, code) => {
    const reply = bot.say(text);
    expect(reply.tone).toBe('error');
    expect(reply.code).toBe(code);
    expect(entryCount().n).toBe(0);
    expect(bot.database.sqlite.prepare('SELECT count(*) AS n FROM audit').get()).toEqual({ n: 0 });
  });

  it('never offers more than three suggestions', () => {
    for (const text of ['t', 'mile', 'meeting Guinea held', 'meeting Saint held', 'target add Korea']) {
      expect(bot.say(text).suggestions?.length ?? 0).toBeLessThanOrEqual(3);
    }
  });

  it('offers corrected commands, naming the state by its code, for a typo and for an ambiguous name', () => {
    expect(bot.say('meeting Lao PRD held on 3 Mar').suggestions).toEqual([{ label: "Lao People's Democratic Republic", command: 'meeting LAO held on 3 Mar' }]);
    expect(bot.say('meeting Korea held').suggestions?.map((s) => s.label)).toEqual(["Democratic People's Republic of Korea", 'Republic of Korea']);
    expect(bot.say('next Vet Nam send stuff').suggestions?.[0]?.command).toBe('next VNM send stuff');
  });

  it('points an unknown command to help, with the nearest command', () => {
    const reply = bot.say('frobnicate');
    expect(reply.title).toContain('"frobnicate"');
    expect(reply.suggestions?.at(-1)).toEqual({ label: 'help', command: 'help' });
    expect(bot.say('meetng Kenya held').suggestions?.[0]).toEqual({ label: 'meeting', command: 'meeting Kenya held' });
  });

  it('reads a day and month as the latest past date for meetings and the next one for deadlines', () => {
    expect(fact(bot.say('meeting Kenya held on 12 Dec'), 'Date')).toBe('12 Dec 2025');
    expect(fact(bot.say('next Kenya send note by 1 May'), 'Due')).toBe('1 May 2026');
    // 1 Feb has passed this year: 1 Feb 2027 is more than 6 months ahead, so the bot asks.
    expect(bot.say('next Kenya send note by 1 Feb')).toMatchObject({
      code: 'confirm-date',
      suggestions: [{ label: '1 Feb 2027', command: 'next Kenya send note by 2027-02-01' }],
    });
  });

  it('a command retried with the same idempotency key is carried out once', () => {
    const incoming = {
      text: 'meeting Kenya held',
      actor: slackActor('U1', 'Ana'),
      place: slackPlace('C1'),
      idempotencyKey: 'trigger-123',
    };
    const first = bot.core.handle(incoming);
    const second = bot.core.handle(incoming);
    expect(second).toEqual(first);
    expect(entryCount().n).toBe(1);
  });
});

describe('state cards', () => {
  it.each([
    ['Indonesia', 'Signatory, not yet ratified'],
    ['Lithuania', 'Withdrawn from the Convention'],
    ['Norway', 'Joined 3 Dec 2008 (instrument deposited); State Party since 1 Aug 2010'],
    ['Viet Nam', 'Not a signatory'],
  ])('%s shows its CCM status from the reference data', (name, status) => {
    // Each status carries the shipped data's as-of date and source.
    expect(fact(bot.say(`state ${name}`), 'CCM')).toBe(`${status} (as of 3 Feb 2026; UN Treaty Collection)`);
  });

  it('shows the log, open next steps, barriers and top-15 place', () => {
    bot.say('contacted Vietnam via capital — raised at bilateral consultations');
    bot.say('next Viet Nam share ratification steps note by 2026-04-01');
    bot.say('barrier Viet Nam defence — stockpiles');
    bot.say('target add Viet Nam lead Norway');
    const card = bot.say('state Vietnam');
    expect(card.title).toBe('Viet Nam (VNM)');
    expect(fact(card, 'Top-15 list')).toBe('on the list, lead Norway');
    const section = (heading: string) => card.sections?.find((s) => s.heading === heading)?.items ?? [];
    expect(section('Log').map((i) => i.text)).toEqual(['#2 · 10 Mar 2026 · Next step agreed', '#1 · 10 Mar 2026 · Contacted (capital)']);
    expect(section('Open next steps')[0]?.detail).toContain('share ratification steps note, by 1 Apr 2026');
    expect(section('Barriers')[0]).toMatchObject({ text: 'Defence/security posture' });
    expect(section('Target profile (work plan, section 3)').map((i) => i.text)).toContain('Party to the CRPD, not to the CCM');
  });

  it('truncates a long log with a hint to see the rest', () => {
    for (let i = 0; i < 14; i++) bot.say(`contacted Kenya on 2026-02-${String(10 + i)} — call ${i}`);
    const log = bot.say('state Kenya').sections?.find((s) => s.heading === 'Log');
    expect(log?.items).toHaveLength(10);
    expect(log?.more).toEqual({ count: 4, hint: 'log Kenya' });
    expect(bot.say('log Kenya').sections?.[0]?.items).toHaveLength(14);
  });
});

describe('deliverables', () => {
  it('counts documented bilateral meetings from the log, and undo takes one back', () => {
    const bilateral = () => progress(bot.say('deliverables'), 'Bilateral outreach meetings');
    expect(bilateral()).toMatchObject({ current: 0, target: 10 });
    bot.say('meeting Lao PDR held');
    bot.say('meeting Kenya held in geneva');
    bot.say('meeting Indonesia held in regional');
    // Lao PDR is a State Party, Indonesia was met at regional level: only Kenya counts.
    expect(bilateral()?.current).toBe(1);
    expect(progress(bot.say('deliverables'), 'Regional engagements')).toMatchObject({ current: 1, target: 1, targetMax: 2, status: 'done' });
    expect(bot.say('undo').title).toBe('Withdrew #3: meeting held, Indonesia');
    bot.say('undo');
    expect(bilateral()?.current).toBe(0);
  });

  it('counts engagements with states not party separately from States Parties', () => {
    bot.say('meeting Lao PDR held');
    bot.say('contacted Kenya');
    const reply = bot.say('deliverables');
    expect(progress(reply, 'States not party engaged')?.current).toBe(1);
    expect(progress(reply, 'States Parties engaged')).toMatchObject({ current: 1, status: 'info' });
  });

  it('tracks the support package through its milestones', () => {
    bot.say('milestone sp-steps-note done');
    bot.say('milestone model instrument done');
    const pkg = progress(bot.say('deliverables'), 'Package components and endorsement');
    expect(pkg).toMatchObject({ current: 2, target: 5, status: 'on-track' });
    expect(pkg?.detail).toContain('basic Q&A');
  });

  it('marks a deliverable behind once its due date has passed', () => {
    bot.setNow('2026-04-02T09:00:00Z');
    expect(progress(bot.say('deliverables'), 'States on the list')?.status).toBe('behind');
  });
});

describe('undo and edit', () => {
  it('withdraws only your own entries and keeps the audit trail', () => {
    bot.say('meeting Kenya held', 'alice');
    expect(bot.say('undo #1', 'bob')).toMatchObject({ code: 'not-yours' });
    expect(bot.say('undo', 'bob')).toMatchObject({ code: 'nothing-to-undo' });
    expect(bot.say('undo #1', 'alice').tone).toBe('success');
    expect(bot.say('undo #1', 'alice')).toMatchObject({ code: 'already-undone' });
    const audit = bot.database.sqlite.prepare('SELECT action, command FROM audit ORDER BY id').all();
    expect(audit).toEqual([
      { action: 'log meeting', command: 'meeting Kenya held' },
      { action: 'undo', command: 'undo #1' },
    ]);
    expect(bot.say('state Kenya').sections?.find((s) => s.heading === 'Log')?.items).toEqual([]);
  });

  it('undoes the last change of any kind, in reverse order', () => {
    bot.say('target add Kenya lead Norway');
    bot.say('milestone wg3 date 2026-05-12');
    expect(bot.say('undo').title).toBe('Undone: milestone wg3 date 2026-05-12');
    expect(fact(bot.say('milestone wg3'), 'When')).toBe('Apr–Jun 2026 (date not set)');
    bot.say('undo');
    expect(bot.say('targets').title).toContain('(0 of 15)');
  });

  it('edits an entry and shows before and after; the edit can be undone', () => {
    bot.say('meeting Kenya held in geneva');
    const edited = bot.say('edit #1 on 3 Mar in capital — met the deputy minister');
    expect(edited.title).toBe('Edited #1');
    expect(fact(edited, 'Date')).toBe('10 Mar 2026 → 3 Mar 2026');
    expect(fact(edited, 'Level')).toBe('Geneva → capital');
    expect(fact(edited, 'Note')).toBe('(none) → met the deputy minister');
    const undoEdit = edited.actions?.[0]?.command ?? '';
    expect(undoEdit).toMatch(/^undo change \d+$/);
    bot.say(undoEdit);
    expect(bot.say('log').sections?.[0]?.items[0]?.text).toBe('#1 · 10 Mar 2026 · Meeting held · Kenya (Geneva)');
  });

  it('refuses to undo a change that was changed again since', () => {
    bot.say('meeting Kenya held');
    const edit = bot.say('edit #1 on 1 Mar').actions?.[0]?.command ?? '';
    bot.say('edit #1 on 2 Mar');
    expect(bot.say(edit)).toMatchObject({ code: 'cannot-undo' });
  });

  it('marks a next step done', () => {
    bot.say('next Kenya send model instrument by 2026-04-01');
    expect(bot.say('done #1').title).toBe('Done: #1, Kenya');
    expect(bot.say('done #1')).toMatchObject({ code: 'already-done' });
    expect(bot.say('state Kenya').sections?.find((s) => s.heading === 'Open next steps')?.items).toEqual([]);
  });
});

describe('targets, barriers and milestones', () => {
  it('keeps the top-15 list to the plan size', () => {
    const names = [
      'Angola',
      'Kenya',
      'Indonesia',
      'Jamaica',
      'Haiti',
      'Uganda',
      'Liberia',
      'Djibouti',
      'Cyprus',
      'Viet Nam',
      'Brazil',
      'Argentina',
      'Bhutan',
      'Thailand',
      'Singapore',
    ];
    for (const name of names) expect(bot.say(`target add ${name}`).tone).toBe('success');
    expect(bot.say('target add Egypt')).toMatchObject({ code: 'list-full' });
    expect(bot.say('target add Kenya')).toMatchObject({ code: 'already-a-target' });
    expect(bot.say('target add Kenya lead Costa Rica').title).toBe('Lead for Kenya is now Costa Rica');
    expect(bot.say('target remove Egypt')).toMatchObject({ code: 'not-a-target' });
    expect(bot.say('target remove Kenya').tone).toBe('success');
    expect(bot.say('targets').title).toBe('Top-15 engagement list (14 of 15)');
  });

  it('records barriers in the plan categories and maps them', () => {
    expect(bot.say('barrier Kenya bandwidth').title).toBe('Barrier recorded for Kenya: Not a priority/bandwidth');
    expect(bot.say('barrier Kenya money')).toMatchObject({ code: 'bad-barrier' });
    const map = bot.say('barriers');
    expect(map.sections?.find((s) => s.heading.startsWith('Not a priority'))?.items).toEqual([{ text: 'Kenya', detail: undefined }]);
  });

  it('finds milestones by id or title words, and asks when several match', () => {
    expect(bot.say('milestone third meeting date 2026-05-12').title).toBe('Third meeting of the Informal Working Group on Universalisation: 12 May 2026');
    const ambiguous = bot.say('milestone meeting done');
    expect(ambiguous.code).toBe('ambiguous-milestone');
    expect(ambiguous.suggestions?.[0]?.command).toBe('milestone wg1 done');
    expect(bot.say('milestone nonsense done')).toMatchObject({ code: 'unknown-milestone' });
    const list = bot.say('milestones');
    expect(list.sections?.[0]?.items.find((i) => i.text.includes('[wg3]'))?.detail).toBe('12 May 2026 · upcoming');
  });
});

describe('help', () => {
  it('lists every command with a working example', () => {
    const reply = bot.say('help');
    expect(reply.sections?.[0]?.items).toHaveLength(bot.core.registry.commands.length);
  });

  it('every example in help parses and runs without an error', () => {
    // Examples are documentation: each must work as written on a fresh log.
    bot.say('meeting Kenya held');
    // Typed in a Slack channel, where every command (subscribe too) has somewhere to act.
    const inChannel = (text: string) => bot.core.handle({ text, actor: slackActor('U1', 'Ana'), place: slackPlace('C1') });
    for (const command of bot.core.registry.commands) {
      for (const example of command.examples) {
        const reply = inChannel(example);
        if (reply.tone === 'error') {
          // Acting on entries or people that do not exist yet, or repeating a subscription, are the only acceptable failures.
          expect([
            'no-entry',
            'not-a-next-step',
            'not-a-target',
            'nothing-to-undo',
            'nothing-to-redo',
            'already-undone',
            'already-subscribed',
            'unknown-person',
            'admin-by-configuration',
          ]).toContain(reply.code);
        }
      }
    }
  });

  it('explains one command with its usage', () => {
    expect(bot.say('help meeting').title).toBe('meeting <state> held [on <date>] [in geneva|capital|regional] [again] [— note]');
    expect(bot.say('help nothing')).toMatchObject({ code: 'unknown-command' });
  });
});

describe('dates and texts that would mislead are refused', () => {
  it.each([
    ['next Kenya send note by 2026-04-01', 'done #1 on tomorrow', 'future-date'],
    ['next Kenya send note by 2026-04-01', 'edit #1 by yesterday', 'past-due'],
    ['meeting Kenya held', 'log since tomorrow', 'future-date'],
    ['meeting Kenya held', 'milestone wg3 done on tomorrow', 'future-date'],
    ['meeting Kenya held', `next Kenya ${'x'.repeat(1001)}`, 'note-too-long'],
  ])('after %j, %j is refused with %s', (setup, text, code) => {
    bot.say(setup);
    const before = bot.database.sqlite.prepare('SELECT count(*) FROM audit').pluck().get();
    expect(bot.say(text)).toMatchObject({ tone: 'error', code });
    expect(bot.database.sqlite.prepare('SELECT count(*) FROM audit').pluck().get()).toBe(before);
  });

  it('names the next step, not a note, when the step is too long', () => {
    expect(bot.say(`next Kenya ${'x'.repeat(1001)}`).title).toBe('That next step is 1001 characters; the limit is 1000.');
  });

  it('lets a new step contain keywords, with a due date at its end', () => {
    bot.say('next Kenya send note by 2026-04-01');
    const edited = bot.say('edit #1 step send the note in French by email on request by 15 Apr');
    expect(fact(edited, 'Step')).toBe('send note → send the note in French by email on request');
    expect(fact(edited, 'Due')).toBe('1 Apr 2026 → 15 Apr 2026');
  });

  it('asks which state when a longer name was probably meant', () => {
    const reply = bot.say('next Dominica Republic follow up');
    expect(reply.code).toBe('ambiguous-state');
    expect(reply.suggestions?.map((s) => s.command)).toEqual(['next DMA Republic follow up', 'next DOM follow up']);
    // "Congo" alone is shared; "Congo DR" reads as the DRC, whose button takes both words.
    expect(bot.say('next Congo DR send docs').suggestions).toEqual([
      { label: 'Congo', command: 'next COG DR send docs' },
      { label: 'Democratic Republic of the Congo', command: 'next COD send docs' },
    ]);
    expect(bot.say('next "Dominica" Republic follow up').title).toBe('Logged #1: next step agreed, Dominica');
  });

  it('does not count a deliverable without a numeric target as met', () => {
    expect(bot.say('deliverables').title).toBe('Deliverables: 0 of 8 met');
  });
});

describe('undo when someone else changed the same record', () => {
  it('says so and offers the person’s earlier changes instead of getting stuck', () => {
    bot.close();
    bot = createTestBot({ env: { CCM_ADMINS: `${TEST_ADMINS},shell:bob` } });
    bot.say('contacted Laos', 'alice');
    bot.say('target add Kenya lead Norway', 'alice');
    bot.say('target add Kenya lead Costa Rica', 'bob');
    const reply = bot.say('undo', 'alice');
    expect(reply.code).toBe('changed-since');
    expect(reply.title).toBe('Your last change ("target add Kenya lead Norway") cannot be undone: bob changed it since ("target add Kenya lead Costa Rica").');
    expect(reply.suggestions?.map((s) => s.label)).toEqual(['undo "contacted Laos"']);
    expect(bot.say(reply.suggestions![0]!.command, 'alice').title).toBe("Withdrew #1: contacted, Lao People's Democratic Republic");
  });
});

describe('the grammar accepts what members type', () => {
  it.each([
    ['/ccm meeting Lao PDR held', "Logged #1: meeting held, Lao People's Democratic Republic", {}],
    ['ccm meeting "Lao PDR" held', "Logged #1: meeting held, Lao People's Democratic Republic", {}],
    ['MEETING laos HELD', "Logged #1: meeting held, Lao People's Democratic Republic", {}],
    ['met Kenya held at capital on 2026-03-02', 'Logged #1: meeting held, Kenya', { Level: 'capital', Date: '2 Mar 2026' }],
    ['meeting Kenya held in Geneva on yesterday - short note', 'Logged #1: meeting held, Kenya', { Level: 'Geneva', Date: '9 Mar 2026', Note: 'short note' }],
    ['contact DRC via regional', 'Logged #1: contacted, Democratic Republic of the Congo', { Level: 'regional' }],
    ['contacted Cote d Ivoire on 1 Mar', "Logged #1: contacted, Côte d'Ivoire", { Date: '1 Mar 2026' }],
    ['contacted Türkiye -- asked about the ratification bill', 'Logged #1: contacted, Türkiye', { Note: 'asked about the ratification bill' }],
    ['next Viet Nam: share the steps note by 15 Apr', 'Logged #1: next step agreed, Viet Nam', { 'Next step': 'share the steps note', Due: '15 Apr 2026' }],
    ['next Papua New Guinea brief the minister', 'Logged #1: next step agreed, Papua New Guinea', { 'Next step': 'brief the minister' }],
    ['barrier Kenya legal — needs implementing legislation', 'Barrier recorded for Kenya: Legal/technical', { Note: 'needs implementing legislation' }],
    ['target add United Republic of Tanzania lead Costa Rica', 'Added United Republic of Tanzania to the top-15 list', { Lead: 'Costa Rica' }],
    ['milestone review conference date 2026-09-14', 'Third Review Conference (follow-up during the Conference): 14 Sep 2026', {}],
  ] as const)('%s', (text, title, facts) => {
    const reply = bot.say(text);
    expect(reply.title).toBe(title);
    for (const [label, value] of Object.entries(facts)) expect(fact(reply, label)).toBe(value);
  });
});
