/**
 * The one entry point to ccm-bot's behaviour: text in, reply model out.
 *
 * parse → resolve → run, all inside one SQLite transaction. A reply with an error tone rolls
 * the transaction back, so a mistake never leaves anything behind. Unexpected failures are
 * logged with a reference the user can quote, and never thrown to an adapter.
 */
import { randomUUID } from 'node:crypto';
import { todayIn } from '../domain/dates.ts';
import type { PlanBook } from '../domain/plan-book.ts';
import type { StateDirectory } from '../domain/states.ts';
import type { Log } from '../log.ts';
import type { Store } from '../store/store.ts';
import type { CommandContext, CommandDeclaration, Incoming } from './command.ts';
import { CommandRegistry } from './registry.ts';
import { errorReply, type Reply } from './reply.ts';

export interface CoreDependencies {
  store: Store;
  states: StateDirectory;
  plans: PlanBook;
  commands: readonly CommandDeclaration[];
  /** IANA time zone in which "today" is decided. */
  timeZone: string;
  now: () => Date;
  log: Log;
  /** A line every reply starts with, e.g. that this is a rehearsal on a day other than today. */
  banner?: string;
}

/** Words people put in front of a command out of habit; the command is what follows. */
const PREFIX = /^\s*(?:\/?ccm\b|@ccm-bot\b|@ccm\b)\s*/i;

/** Carries an error reply out of a transaction so that better-sqlite3 rolls it back. */
class RollBack extends Error {
  readonly reply: Reply;

  constructor(reply: Reply) {
    super('roll back');
    this.reply = reply;
  }
}

export class Core {
  readonly registry: CommandRegistry;
  private readonly deps: CoreDependencies;

  constructor(deps: CoreDependencies) {
    this.deps = deps;
    this.registry = new CommandRegistry(deps.commands);
  }

  /** Runs one command for one person and returns what to tell them. Never throws. */
  handle(incoming: Incoming): Reply {
    const reply = this.answer(incoming);
    const { banner } = this.deps;
    return banner ? { ...reply, lines: [banner, ...(reply.lines ?? [])] } : reply;
  }

  private answer(incoming: Incoming): Reply {
    const text = incoming.text.replace(PREFIX, '').trim();
    try {
      return this.handleText(text, incoming);
    } catch (error) {
      const reference = randomUUID().slice(0, 8);
      this.deps.log.error('command failed', {
        reference,
        command: text.split(/\s+/)[0],
        platform: incoming.actor.platform,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      return errorReply('internal', `Something went wrong on our side (reference ${reference}).`, {
        lines: ['Nothing was saved. Please try again; if it happens again, quote the reference to the ISU.'],
      });
    }
  }

  private handleText(text: string, incoming: Incoming): Reply {
    const { store } = this.deps;
    const [word = 'help'] = text.split(/\s+/, 1).filter(Boolean);
    const command = this.registry.find(word);
    if (!command) return this.unknownCommand(word, text);
    const rest = text.slice(word.length).trim();

    const now = this.deps.now();
    const at = now.toISOString();
    try {
      return store.transaction(() => {
        // Inside the transaction, so a retry arriving at another process waits for the first to commit.
        const earlier = incoming.idempotencyKey ? store.receipts.get(incoming.idempotencyKey) : undefined;
        // The same answer again, but the channel notice went out with the first delivery.
        if (earlier) return { ...(JSON.parse(earlier) as Reply), publicEcho: undefined };
        const person = store.people.meet(incoming.actor, at);
        const today = todayIn(this.deps.timeZone, now);
        const ctx: CommandContext = {
          store,
          states: this.deps.states,
          plan: this.deps.plans.activeOn(today),
          plans: this.deps.plans,
          today,
          timeZone: this.deps.timeZone,
          person,
          place: incoming.place,
          who: { person, platform: incoming.place.platform, channelId: incoming.place.channelId, command: text, at },
          text,
          commands: this.deps.commands,
        };
        const parsed = command.parse(rest, ctx);
        const reply = parsed.ok ? command.run(parsed.args, ctx) : parsed.reply;
        if (reply.tone === 'error') throw new RollBack(reply);
        if (incoming.idempotencyKey && command.writes) store.receipts.save(incoming.idempotencyKey, JSON.stringify(reply), at);
        return reply;
      });
    } catch (error) {
      if (error instanceof RollBack) return error.reply;
      throw error;
    }
  }

  private unknownCommand(word: string, text: string): Reply {
    const near = this.registry.near(word);
    const rest = text.slice(word.length);
    return errorReply('unknown-command', `I don't know the command "${word}".`, {
      lines: ['Type `help` for the list of commands, or `help <command>` for one of them.'],
      // At most three: the two nearest commands and help.
      suggestions: [
        ...near.slice(0, 2).map((command) => ({ label: command.name, command: `${command.name}${rest}` })),
        { label: 'help', command: 'help' },
      ],
    });
  }
}
