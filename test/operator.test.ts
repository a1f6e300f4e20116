import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/cli/subcommand.ts';
import { parseInstant } from '../src/operator.ts';

describe('instants on the operator command line', () => {
  it.each([
    ['2026-05-05', '2026-05-04T22:00:00.000Z'],
    ['2026-01-15', '2026-01-14T23:00:00.000Z'],
    ['2026-05-05T09:00:00+02:00', '2026-05-05T07:00:00.000Z'],
    ['2026-05-05T07:00Z', '2026-05-05T07:00:00.000Z'],
  ])('%s is %s', (text, iso) => {
    expect(parseInstant(text, 'Europe/Zurich', 'at').toISOString()).toBe(iso);
  });

  it.each(['2026-02-31', '2026-13-01', '2026-05-05T09:00', '2026-05-05T25:00:00Z', 'next tuesday', '05/05/2026'])(
    '%s is refused, never guessed in the server’s zone',
    (text) => {
      expect(() => parseInstant(text, 'Europe/Zurich', 'at')).toThrow(UsageError);
      expect(() => parseInstant(text, 'Europe/Zurich', 'at')).toThrow(/--at expects a date \(2026-05-05\) or an ISO timestamp with its offset/);
    },
  );

  it('takes the first moment of a day whose midnight does not exist (Santiago, start of summer time)', () => {
    expect(parseInstant('2026-09-06', 'America/Santiago', 'at').toISOString()).toBe('2026-09-06T04:00:00.000Z');
  });
});
