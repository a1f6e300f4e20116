/**
 * Work started and not yet finished (a request being answered, a command's follow-up), so that
 * a shutdown can stop taking new work and let what was started finish.
 */
export class InFlight {
  private readonly pending = new Set<Promise<unknown>>();

  /** Counts `work` until it settles; its outcome is the caller's to handle. */
  track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    const forget = () => this.pending.delete(work);
    work.then(forget, forget);
    return work;
  }

  /** Resolves once everything tracked, including what starts meanwhile, has settled. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}

/** Resolves to true when `work` settles within `ms`, false otherwise (the work goes on). */
export function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([
    work.then(
      () => true,
      () => true,
    ),
    late,
  ]).finally(() => clearTimeout(timer));
}
