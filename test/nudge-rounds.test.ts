/**
 * Which nudge about an overdue step is the latest by a given day: counted, not walked, once no
 * hold reaches that far, with the same round and day as nudging every `everyDays` would give.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../src/domain/dates.ts';
import { latestNudge } from '../src/domain/holds.ts';

const at = (day: string) => new Date(`${day}T07:00:00Z`);
const hold = (id: number, fromDay: string, toDay: string) => ({ id, fromDay, toDay, createdAt: '2020-01-01T00:00:00Z' });

describe('the latest nudge about an overdue step', () => {
  it('is none before the day after the due date, then one every few days for years', () => {
    expect(latestNudge('2024-03-10', 7, '2024-03-10', [], at)).toBeUndefined();
    expect(latestNudge('2024-03-10', 7, '2024-03-11', [], at)).toEqual({ round: 1, day: '2024-03-11' });
    expect(latestNudge('2024-03-10', 7, '2024-03-17', [], at)).toEqual({ round: 1, day: '2024-03-11' });
    expect(latestNudge('2024-03-10', 7, '2024-03-18', [], at)).toEqual({ round: 2, day: '2024-03-18' });
    // Two years and a bit later, across leap day and daylight-saving changes.
    const today = '2026-05-05';
    let round = 1;
    let day = '2024-03-11';
    while (addDays(day, 7) <= today) {
      day = addDays(day, 7);
      round++;
    }
    expect(latestNudge('2024-03-10', 7, today, [], at)).toEqual({ round, day });
  });

  it('restarts the rhythm after a hold, then counts on from there', () => {
    const snooze = hold(1, '2024-03-12', '2024-03-20');
    expect(latestNudge('2024-03-10', 7, '2024-03-21', [snooze], at)).toEqual({ round: 2, day: '2024-03-21', held: { from: '2024-03-18', by: snooze } });
    expect(latestNudge('2024-03-10', 7, '2024-04-04', [snooze], at)).toEqual({ round: 4, day: '2024-04-04' });
    expect(latestNudge('2024-03-10', 7, '2024-04-03', [snooze], at)).toEqual({ round: 3, day: '2024-03-28' });
  });
});
