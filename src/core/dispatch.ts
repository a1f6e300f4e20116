/**
 * The one entry point to ccm-bot's behaviour: text in, reply model out.
 *
 * parse → resolve → run, all inside one SQLite transaction. A reply with an error tone rolls
 * the transaction back, so a mistake never leaves anything behind. Every log line about a
 * command carries its request id; an unexpected failure is logged and never thrown to an
 * adapter, and its reply quotes that id as the reference the user can give the ISU.
 */
import { todayIn } from '../domain/dates.ts';
import type { PlanBook } from '../domain/plan-book.ts';
import type { StateDirectory } from '../domain/states.ts';
import type { Log } from '../log.ts';
import { storageProblem } from '../store/storage-problem.ts';
import type { PersonRow, Store } from '../store/store.ts';
import { type AccessPolicy, aRole, type Role, admits, allows, effectiveRole, OPEN_ACCESS, ROLE_HOLDERS } from './access.ts';
import { type Actor, type CommandContext, type CommandDeclaration, type Incoming, leastRole, newRequestId, runsAlone } from './command.ts';
import { CommandRegistry } from './registry.ts';
import { errorReply, type Reply } from './reply.ts';
import { storageProblemReply } from './storage-reply.ts';

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
  /** Which organizations are served and who is an admin by configuration; open to all when absent. */
  access?: AccessPolicy;
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
  private readonly access: AccessPolicy;

  constructor(deps: CoreDependencies) {
    this.deps = deps;
    this.registry = new CommandRegistry(deps.commands);
    this.access = deps.access ?? OPEN_ACCESS;
  }

  /**
   * The refusal for a request from an organization the group does not allow, or undefined when
   * it may be served. Adapters ask before anything else (looking up the person included); the
   * refusal is logged for the operator, and nothing is read or written.
   */
  refuseForeign(actor: Pick<Actor, 'platform' | 'organization'>): Reply | undefined {
    if (admits(this.access, actor)) return undefined;
    this.deps.log.warn('request from an organization that is not allowed', { platform: actor.platform, organization: actor.organization ?? null });
    return errorReply('not-allowed', 'ccm-bot does not serve this workspace.', {
      lines: ['Nothing was read or saved. If your group uses ccm-bot, ask its operator to allow this workspace.'],
    });
  }

  /** Runs one command for one person and returns what to tell them. Never throws. */
  handle(incoming: Incoming): Reply {
    const requestId = incoming.requestId ?? newRequestId();
    const reply = this.refuseForeign(incoming.actor) ?? this.answer({ ...incoming, requestId }, this.deps.log.child({ requestId }));
    const { banner } = this.deps;
    return banner ? { ...reply, lines: [banner, ...(reply.lines ?? [])] } : reply;
  }

  /** `log` carries the request id. Its lines name the command, never the rest of the text (notes are confidential). */
  private answer(incoming: Incoming & { requestId: string }, log: Log): Reply {
    const text = incoming.text.replace(PREFIX, '').trim();
    const [word = 'help'] = text.split(/\s+/, 1).filter(Boolean);
    const declared = this.registry.find(word);
    const command = declared?.name ?? 'unknown';
    try {
      const reply = declared ? this.handleText(text, word, declared, incoming) : this.unknownCommand(word, text);
      log.info('command', { command, platform: incoming.actor.platform, user: incoming.actor.userId, tone: reply.tone, code: reply.code });
      return reply;
    } catch (error) {
      const problem = storageProblem(error);
      log.error(problem ? 'command refused by the database' : 'command failed', {
        command,
        platform: incoming.actor.platform,
        ...(problem ? { code: problem.code, hint: problem.hint } : {}),
        error: error instanceof Error ? ((problem ? error.message : error.stack) ?? error.message) : String(error),
      });
      if (problem) return storageProblemReply(problem, incoming.requestId);
      return errorReply('internal', `Something went wrong on our side (reference ${incoming.requestId}).`, {
        lines: ['Nothing was saved. Please try again; if it happens again, quote the reference to the ISU.'],
      });
    }
  }

  private handleText(text: string, word: string, command: CommandDeclaration, incoming: Incoming): Reply {
    const { store } = this.deps;
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
        const role = this.roleOf(person);
        const least = leastRole(command);
        if (!allows(role, least)) throw new RollBack(this.forbidden(least, `use \`${command.name}\``, role));
        const today = todayIn(this.deps.timeZone, now);
        const ctx: CommandContext = {
          store,
          states: this.deps.states,
          plan: this.deps.plans.activeOn(today),
          plans: this.deps.plans,
          today,
          timeZone: this.deps.timeZone,
          person,
          role,
          roleOf: (someone) => this.roleOf(someone),
          adminByConfiguration: (someone) => effectiveRole(this.access, someone, undefined) === 'admin',
          place: incoming.place,
          who: { person, platform: incoming.place.platform, channelId: incoming.place.channelId, command: text, at },
          text,
          commands: this.deps.commands,
        };
        const parsed = command.parse(rest, ctx);
        const needed = parsed.ok ? command.guard?.(parsed.args, ctx) : this.offeredGuard(command, parsed.reply, ctx);
        if (needed && !allows(role, needed.role)) throw new RollBack(this.forbidden(needed.role, needed.doing, role));
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

  /**
   * The guard of the first button a refused command offers for itself ("milestone wg3 date
   * 2026-04-03" for "… date 3/4"): a member is told first that only coordinators may, rather
   * than offered buttons that would refuse.
   */
  private offeredGuard(command: CommandDeclaration, refusal: Reply, ctx: CommandContext): { role: Role; doing: string } | undefined {
    if (!command.guard) return undefined;
    for (const { command: offered } of refusal.suggestions ?? []) {
      const [word = ''] = offered.split(/\s+/, 1);
      if (this.registry.find(word) !== command) continue;
      const parsed = command.parse(offered.slice(word.length).trim(), { ...ctx, text: offered });
      if (parsed.ok) return command.guard(parsed.args, ctx);
    }
    return undefined;
  }

  private roleOf(person: PersonRow): Role {
    return effectiveRole(this.access, person, this.deps.store.people.role(person.id)?.role);
  }

  /** "Only coordinators can …", with who holds that role here, so the person knows whom to ask. */
  private forbidden(needed: Role, doing: string, role: Role): Reply {
    const names = this.deps.store.people
      .all()
      .filter((p) => allows(this.roleOf(p), needed))
      .map((p) => p.displayName);
    return errorReply('forbidden', `Only ${ROLE_HOLDERS[needed]} can ${doing}.`, {
      lines: [
        `You are ${aRole(role)}. Nothing was changed.`,
        names.length > 0 ? `Ask one of them: ${names.join(', ')}.` : 'Ask your operator to name the first admins (CCM_ADMINS).',
      ],
    });
  }

  private unknownCommand(word: string, text: string): Reply {
    const near = this.registry.near(word);
    const rest = text.slice(word.length);
    return errorReply('unknown-command', `I don't know the command "${word}".`, {
      lines: ['Type `help` for the list of commands, or `help <command>` for one of them.'],
      // At most three: the two nearest commands and help. A command that needs more than its
      // name, typed with nothing after it, is offered as its help, which runs as shown.
      suggestions: [
        ...near
          .slice(0, 2)
          .map((command) =>
            rest.trim() === '' && !runsAlone(command)
              ? { label: `help ${command.name}`, command: `help ${command.name}` }
              : { label: command.name, command: `${command.name}${rest}` },
          ),
        { label: 'help', command: 'help' },
      ],
    });
  }
}
