/**
 * The replica's lag from what Litestream 0.3's metrics give (see src/replica-lag.ts): the age of
 * the oldest position Litestream had read into its shadow WAL that the replica does not hold yet.
 */
import { expect, it } from 'vitest';
import { positionsIn, ReplicaLag } from '../src/replica-lag.ts';

/** Litestream's metrics text, as its /metrics serves it, with these positions. */
function metrics(shadow: [number, number], replica: [number, number]): string {
  const db = 'db="/var/lib/ccm/ccm.sqlite"';
  return [
    `litestream_db_size{${db}} 16384`,
    `litestream_replica_wal_index{${db},name="file"} ${replica[0]}`,
    `litestream_replica_wal_offset{${db},name="file"} ${replica[1]}`,
    `litestream_shadow_wal_index{${db}} ${shadow[0]}`,
    `litestream_shadow_wal_size{${db}} ${shadow[1]}`,
  ].join('\n');
}

function reading(lag: ReplicaLag, atS: number, shadow: [number, number], replica: [number, number]): number {
  lag.note(positionsIn(metrics(shadow, replica))!, atS * 1000);
  return lag.secondsAt(atS * 1000);
}

it('reads nothing from metrics that do not hold the positions yet', () => {
  expect(positionsIn('litestream_db_size{db="x"} 16384\n')).toBeUndefined();
});

it('takes a Litestream just started to have shipped what it first read, and counts what it reads after', () => {
  const lag = new ReplicaLag();
  const shadowOnly = (offset: number) => metrics([0, offset], [0, 0]).replace(/^litestream_replica.*\n/gm, '');
  lag.note(positionsIn(shadowOnly(4096))!, 0);
  expect(lag.secondsAt(0)).toBe(0);
  lag.note(positionsIn(shadowOnly(8192))!, 1000);
  expect(lag.secondsAt(5000)).toBe(4);
});

it('is 0 while the replica holds what Litestream has read', () => {
  const lag = new ReplicaLag();
  expect(reading(lag, 0, [0, 4096], [0, 4096])).toBe(0);
  expect(reading(lag, 1, [0, 8192], [0, 8192])).toBe(0);
});

it('counts from the first reading the replica lacks, not from the last', () => {
  const lag = new ReplicaLag();
  expect(reading(lag, 0, [0, 4096], [0, 4096])).toBe(0);
  expect(reading(lag, 1, [0, 8192], [0, 4096])).toBe(0);
  expect(reading(lag, 2, [0, 12288], [0, 4096])).toBe(1);
  // The replica reaches the first position it lacked: the next one waits since second 2.
  expect(reading(lag, 4, [0, 16384], [0, 8192])).toBe(2);
  expect(reading(lag, 5, [1, 0], [1, 0])).toBe(0);
});

it('stays small under steady writes that the replica keeps up with, a second behind', () => {
  const lag = new ReplicaLag();
  for (let s = 1; s <= 60; s++) expect(reading(lag, s, [0, s * 4096], [0, (s - 1) * 4096])).toBeLessThanOrEqual(1);
});

it('grows while the replica is stuck, and starts again with a new generation', () => {
  const lag = new ReplicaLag();
  reading(lag, 0, [3, 4096], [3, 0]);
  expect(reading(lag, 30, [3, 65536], [3, 0])).toBe(30);
  // A new generation: positions from 0 again, in step.
  expect(reading(lag, 31, [0, 4096], [0, 4096])).toBe(0);
});
