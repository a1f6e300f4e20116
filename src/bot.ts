/**
 * What a running ccm-bot is made of, wired together once from configuration: the database
 * (opened and migrated), the plans and the state data (loaded and synced), the core, and the
 * scheduler over them. The composition root (main.ts) and the operator commands both build on
 * it, so neither imports the other.
 */
import { commands } from './commands/index.ts';
import { type Config, LOCAL_PLATFORMS, STATE_WORDS_FILE, STATES_FILE } from './config.ts';
import type { Poster } from './core/delivery.ts';
import { type AccessPolicy, personKey } from './core/access.ts';
import { Core } from './core/dispatch.ts';
import { loadPlans, type PlanBook } from './domain/plan-book.ts';
import { loadStatesCsv, StateDirectory } from './domain/states.ts';
import { loadStateWords, StateLexicon } from './domain/state-words.ts';
import type { Log } from './log.ts';
import { Scheduler } from './scheduler/scheduler.ts';
import type { Housekeeping } from './store/database-folder.ts';
import { DatabaseError, openDatabase, type OpenDatabase } from './store/database.ts';
import { PostLedger } from './store/ledger.ts';
import { stopWaitingForLocks } from './store/busy.ts';
import { storageProblem } from './store/storage-problem.ts';
import { Store } from './store/store.ts';
import type { Rehearsal } from './rehearsal.ts';

export interface Bot {
  config: Config;
  core: Core;
  store: Store;
  /** Every cycle's plan; which one is in force depends on the day (see PlanBook.activeOn). */
  plans: PlanBook;
  states: StateDirectory;
  log: Log;
  database: OpenDatabase;
  ledger: PostLedger;
  now: () => Date;
}

/**
 * Builds the bot from configuration: database ready, plans and states loaded and synced.
 * `now` is the clock (a rehearsal's, or a test's); a rehearsal's banner starts every reply, and
 * its replies spell `ccm` commands with its database and day.
 */
export function assemble(config: Config, log: Log, now: () => Date = () => new Date(), rehearsal?: Pick<Rehearsal, 'banner' | 'operatorCommand'>): Bot {
  const states = new StateDirectory(loadStatesCsv(STATES_FILE));
  const plans = loadPlans(config.planPath, states);
  const database = openDatabase(config.dbPath);
  logHousekeeping(log, database.housekeeping);
  const store = new Store(database.db);
  let synced = false;
  try {
    store.plans.syncStates(states.all);
    for (const plan of plans.plans) store.plans.syncPlan(plan);
    synced = true;
    // Serving from here on: a write never holds up the process waiting for another's lock.
    stopWaitingForLocks(database);
    // A start with nothing new to sync wrote nothing: a write that changes nothing says whether the file can be written.
    store.tryWrite();
  } catch (error) {
    // A database that cannot be written still answers questions; every change is refused
    // with a reply saying so (see core/storage-reply.ts). Locked by another program once in
    // sync: answers questions, and changes wait for the lock. Out of sync, or failing: stop here.
    const problem = storageProblem(error);
    if (problem?.kind === 'read-only') {
      log.error('the database is read-only: ccm-bot answers questions but refuses every change', { db: config.dbPath, code: problem.code, hint: problem.hint });
    } else if (synced && problem?.kind === 'busy') {
      log.warn('another program holds the database write lock: ccm-bot answers questions, and changes wait for the lock', {
        db: config.dbPath,
        hint: problem.hint,
      });
    } else {
      database.close();
      if (problem) throw new DatabaseError(`Cannot update the database ${config.dbPath} (${problem.code}): ${problem.hint}`);
      throw error;
    }
  }
  // Also after a sync refused as read-only (idempotent otherwise).
  stopWaitingForLocks(database);
  const lexicon = new StateLexicon(states, loadStateWords(STATE_WORDS_FILE));
  const core = new Core({ store, states, plans, commands, timeZone: config.timeZone, now, log, ...rehearsal, access: accessPolicy(config), lexicon });
  log.info('ready', { db: config.dbPath, plans: plans.plans.map((p) => p.id), states: states.all.length });
  return { config, core, store, plans, states, log, database, ledger: new PostLedger(database.db), now };
}

/** Says in the log what the start did to the files beside the database (see store/database-folder.ts). */
function logHousekeeping(log: Log, housekeeping: Housekeeping | undefined): void {
  for (const file of housekeeping?.removed ?? []) log.warn('removed a copy left by an interrupted backup or restore', { file });
  for (const { file, from, to } of housekeeping?.tightened ?? [])
    log.warn('made a database file readable by its owner only: it holds the whole log', { file, from, to });
  for (const { file, mode, code } of housekeeping?.untightened ?? [])
    log.error('a database file is readable by others and could not be changed: chmod 600 it as its owner', { file, mode, code });
}

/**
 * Who is served and who is an admin by configuration. Whoever runs the local shell has the
 * database file in hand, so the shell's user is an admin there.
 */
function accessPolicy(config: Config): AccessPolicy {
  const organizations = Object.fromEntries(Object.entries(config.access.allowed).map(([platform, ids]) => [platform, new Set(ids)]));
  const local = LOCAL_PLATFORMS.map((platform) => personKey(platform, config.localUser));
  return { organizations, admins: new Set([...config.access.admins, ...local]) };
}

/** The scheduler over this bot's store and plans, posting through the given platforms' posters. */
export function createScheduler(bot: Bot, posters: Partial<Record<string, Poster>>): Scheduler {
  const { store, ledger, plans, states, log, config } = bot;
  return new Scheduler({ store, ledger, plans, states, timeZone: config.timeZone, log, posters });
}
