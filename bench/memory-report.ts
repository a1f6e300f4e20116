/**
 * Loaded into ccm-bot by memory.ts (`node --expose-gc --import bench/memory-report.ts`): on
 * SIGUSR2, writes where the process's memory is to the file named by CCM_MEMORY_REPORT, as JSON
 * (see `MemoryReport`). Read before and after a full GC, so garbage and what is alive are apart.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';

const MiB = 1024 * 1024;

export interface MemoryReport {
  /** Resident memory of the whole process. */
  rss: number;
  /** V8's heap as committed, and each space's share (new, old, code…). */
  heapCommitted: number;
  spaces: Record<string, number>;
  heapUsed: number;
  /** What is alive after a full GC. */
  heapAlive: number;
  /** Memory that JavaScript objects hold outside V8's heap (buffers, WebAssembly). */
  external: number;
  /** Resident pages of /proc/self/smaps by kind: malloc's main heap, Node's own binary and other files, other anonymous memory. */
  mallocHeap: number;
  files: number;
  otherAnonymous: number;
}

function residentByKind(): Pick<MemoryReport, 'mallocHeap' | 'files' | 'otherAnonymous'> {
  let mapping = '';
  const kib = { mallocHeap: 0, files: 0, otherAnonymous: 0 };
  for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) {
      mapping = header[1]!;
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (!rss) continue;
    const kind = mapping === '[heap]' ? 'mallocHeap' : mapping.startsWith('/') ? 'files' : 'otherAnonymous';
    kib[kind] += Number(rss[1]);
  }
  return { mallocHeap: kib.mallocHeap / 1024, files: kib.files / 1024, otherAnonymous: kib.otherAnonymous / 1024 };
}

process.on('SIGUSR2', () => {
  const before = process.memoryUsage();
  const resident = residentByKind();
  (globalThis as { gc?: () => void }).gc?.();
  const after = process.memoryUsage();
  const report: MemoryReport = {
    rss: before.rss / MiB,
    heapCommitted: before.heapTotal / MiB,
    spaces: Object.fromEntries(getHeapSpaceStatistics().map((space) => [space.space_name.replace(/_space$/, ''), space.space_size / MiB])),
    heapUsed: before.heapUsed / MiB,
    heapAlive: after.heapUsed / MiB,
    external: after.external / MiB,
    ...resident,
  };
  // Written whole, then renamed: the reader never sees half a report.
  const file = process.env.CCM_MEMORY_REPORT!;
  writeFileSync(`${file}.part`, JSON.stringify(report));
  renameSync(`${file}.part`, file);
});
