/**
 * How far a Litestream 0.3 replica is behind, in seconds. Litestream 0.3 reports no lag in
 * time; its metrics (Prometheus text at its `addr`) give positions: how far it has read the
 * database's WAL into its own copy, the shadow WAL (`litestream_shadow_wal_index` and
 * `_size`), and how far the replica holds it (`litestream_replica_wal_index` and `_offset`).
 *
 * The lag is defined from those: every second the shadow WAL's position is noted with the time;
 * the lag is the age of the oldest noted position the replica does not hold yet, 0 when it holds
 * them all. So it is how long the oldest change Litestream has read has been waiting to reach
 * the replica, to within the second between two readings. Litestream reads the database's WAL
 * every second too (its monitor interval), so a commit can be up to about a second older than
 * that when it is first counted.
 */

/** A place in Litestream's WAL: the WAL file's index, then the byte offset in it. */
interface Position {
  index: number;
  offset: number;
}

/**
 * What the lag is computed from, read from Litestream's metrics. A Litestream just started
 * reports no replica position until it first uploads something (none while nothing is written).
 */
export interface ReplicaPositions {
  shadow: Position;
  replica: Position | undefined;
}

function before(a: Position, b: Position): boolean {
  return a.index < b.index || (a.index === b.index && a.offset < b.offset);
}

/** The positions in Litestream's metrics text; undefined when it has not read the database yet. */
export function positionsIn(metrics: string): ReplicaPositions | undefined {
  const value = (name: string) => {
    const match = new RegExp(`^${name}\\{[^}]*\\} (\\S+)$`, 'm').exec(metrics);
    return match ? Number(match[1]) : undefined;
  };
  const position = (index: number | undefined, offset: number | undefined) =>
    index === undefined || offset === undefined || Number.isNaN(index) || Number.isNaN(offset) ? undefined : { index, offset };
  const shadow = position(value('litestream_shadow_wal_index'), value('litestream_shadow_wal_size'));
  return shadow && { shadow, replica: position(value('litestream_replica_wal_index'), value('litestream_replica_wal_offset')) };
}

/** Keeps the noted positions and says the lag; one per replicator. */
export class ReplicaLag {
  /** Shadow WAL positions noted, oldest first, with when; those the replica holds are dropped. */
  private waiting: { at: number; position: Position }[] = [];
  private lastReplica: Position | undefined;
  /**
   * Where the shadow WAL was at the first reading since Litestream (re)started: until it reports
   * a replica position, the replica is taken to hold that much (what the last one had shipped),
   * and no more, so that changes since count as waiting.
   */
  private atStart: Position | undefined;

  /** Litestream was started again: its positions are read afresh. */
  restarted(): void {
    this.atStart = undefined;
    this.lastReplica = undefined;
  }

  /** A reading of the metrics at `at` (milliseconds). */
  note(positions: ReplicaPositions, at: number): void {
    const { shadow } = positions;
    this.atStart ??= shadow;
    const replica = positions.replica ?? this.atStart;
    // A new generation starts its positions again from 0: what was noted belongs to the old one.
    if (this.lastReplica && before(replica, this.lastReplica)) this.waiting = [];
    this.lastReplica = replica;
    const newest = this.waiting.at(-1)?.position;
    if (newest && before(shadow, newest)) this.waiting = [];
    if (before(replica, shadow) && (!newest || before(newest, shadow))) this.waiting.push({ at, position: shadow });
    this.waiting = this.waiting.filter(({ position }) => before(replica, position));
  }

  /** Seconds the oldest change not on the replica has waited, as of `at`; 0 when none waits. */
  secondsAt(at: number): number {
    const oldest = this.waiting[0];
    return oldest ? (at - oldest.at) / 1000 : 0;
  }
}
