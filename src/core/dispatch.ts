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
import type { StateLexicon } from '../domain/state-words.ts';
import type { Log } from '../log.ts';
import { retryWhileBusy, unlessBusy } from '../store/busy.ts';
import { storageProblem } from '../store/storage-problem.ts';
import type { PersonRow, Store } from '../store/store.ts';
import { type AccessPolicy, aRole, type Role, admits, allows, effectiveRole, OPEN_ACCESS, ROLE_HOLDERS } from './access.ts';
import { type Actor, type CommandContext, type CommandDeclaration, type Incoming, leastRole, newRequestId, runsAlone } from './command.ts';
import { CommandRegistry } from './registry.ts';
import { errorReply, type Reply } from './reply.ts';
import { type OperatorCommand, plainOperatorCommand } from './operator-command.ts';
import { storageProblemReply } from './storage-reply.ts';
import { answerSentence, sentenceInsteadOf } from './proposal-reply.ts';
import { type StateChoice, stateChoices } from '../domain/state-choices.ts';

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
  /** How replies spell a `ccm` command for the operator (a rehearsal's names its database and day); plain when absent. */
  operatorCommand?: OperatorCommand;
  /** Which organizations are served and who is an admin by configuration; open to all when absent. */
  access?: AccessPolicy;
  /** The words sentences name states by; without it, a sentence in a personal chat is an unknown command. */
  lexicon?: StateLexicon;
}

/** Words people put in front of a command out of habit; the command is what follows. */
const PREFIX = /^\s*(?:\/?ccm\b|@ccm-bot\b|@ccm\b)\s*/i;

/**
 * How long a command may take, from when its request arrived, before a write refused as busy is
 * given up: Slack wants its answer within 3 s, name look-up and the way back included.
 */
export const ANSWER_BUDGET_MS = 2500;

/** A command as the core answers it: with its request id, and a log that carries it. */
type Request = Incoming & { requestId: string; log: Log };

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

  /**
   * Runs one command for one person and returns what to tell them, in one attempt: a command
   * that writes while another connection holds the write lock is refused as busy at once. For
   * the test harness and the Home tab (which only reads); adapters use {@link respond}. Never throws.
   */
  handle(incoming: Incoming): Reply {
    const request = this.identified(incoming);
    const refusal = this.refuseForeign(incoming.actor);
    if (refusal) return this.withBanner(refusal);
    try {
      return this.withBanner(this.answer(request));
    } catch (error) {
      return this.withBanner(this.failure(error, request));
    }
  }

  /**
   * Runs one command as {@link handle} does, but a write refused as busy is tried again, on a
   * timer, until {@link ANSWER_BUDGET_MS} after the request arrived: the event loop serves other
   * requests meanwhile. Then the person is told that nothing was saved, with a button that runs
   * the command again. Never throws.
   */
  async respond(incoming: Incoming): Promise<Reply> {
    const deadline = (incoming.arrivedAt ?? performance.now()) + ANSWER_BUDGET_MS;
    const request = this.identified(incoming);
    const refusal = this.refuseForeign(incoming.actor);
    if (refusal) return this.withBanner(refusal);
    try {
      return this.withBanner(await retryWhileBusy(() => this.answer(request), deadline));
    } catch (error) {
      return this.withBanner(this.failure(error, request));
    }
  }

  /** The states a form offers for `typed` (see domain/state-choices.ts), as of today; `every`: all of them, each with all its aliases. */
  stateChoices(typed: string, { every = false } = {}): StateChoice[] {
    return stateChoices(this.deps.states.all, typed, todayIn(this.deps.timeZone, this.deps.now()), { every });
  }

  private identified(incoming: Incoming): Request {
    const requestId = incoming.requestId ?? newRequestId();
    return { ...incoming, requestId, log: this.deps.log.child({ requestId }) };
  }

  private withBanner(reply: Reply): Reply {
    const { banner } = this.deps;
    return banner ? { ...reply, lines: [banner, ...(reply.lines ?? [])] } : reply;
  }

  /** One attempt at a command; throws the database's refusals (busy too) and bugs. Its log line names the command only: notes are confidential. */
  private answer(incoming: Request): Reply {
    const { text, word, declared } = this.commandIn(incoming.text);
    // In a personal conversation a sentence is read as a proposal; channels never (proposal-reply.ts).
    const { lexicon } = this.deps;
    const sentences = lexicon && incoming.place.kind === 'personal' ? { lexicon, today: todayIn(this.deps.timeZone, this.deps.now()) } : undefined;
    // A mistyped command word ("meetng") gets its suggestions, not a proposal.
    const proposed = sentences && !declared && this.registry.near(word).length === 0 ? answerSentence(text, word, sentences) : undefined;
    const typed = proposed ?? (declared ? this.handleText(text, word, declared, incoming) : this.unknownCommand(word, text));
    // A sentence that starts with a command's word ("Met the Kenyan mission …") and that command refuses.
    const reply = (sentences && declared && sentenceInsteadOf(typed, text, sentences)) || typed;
    const command = declared?.name ?? (proposed ? 'proposal' : 'unknown');
    incoming.log.info('command', { command, platform: incoming.actor.platform, user: incoming.actor.userId, tone: reply.tone, code: reply.code });
    return reply;
  }

  /** The reply for an attempt that threw: the database's refusal in plain words, or a bug's reference. */
  private failure(error: unknown, incoming: Request): Reply {
    const { text, declared } = this.commandIn(incoming.text);
    const problem = storageProblem(error);
    incoming.log.error(problem ? 'command refused by the database' : 'command failed', {
      command: declared?.name ?? 'unknown',
      platform: incoming.actor.platform,
      ...(problem ? { code: problem.code, hint: problem.hint } : {}),
      error: error instanceof Error ? ((problem ? error.message : error.stack) ?? error.message) : String(error),
    });
    if (problem) return storageProblemReply(problem, incoming.requestId, text);
    return errorReply('internal', `Something went wrong on our side (reference ${incoming.requestId}).`, {
      lines: ['Nothing was saved. Please try again; if it happens again, quote the reference to the ISU.'],
    });
  }

  /** The command's text without a habitual prefix, its first word and the command it names. */
  private commandIn(typed: string): { text: string; word: string; declared: CommandDeclaration | undefined } {
    const text = typed.replace(PREFIX, '').trim();
    const [word = 'help'] = text.split(/\s+/, 1).filter(Boolean);
    return { text, word, declared: this.registry.find(word) };
  }

  private handleText(text: string, word: string, command: CommandDeclaration, incoming: Request): Reply {
    const { store } = this.deps;
    const now = this.deps.now();
    const at = now.toISOString();
    try {
      if (!command.writes) {
        // A read never waits for the write lock: the person is remembered (first sight, a new
        // name) only after the answer, and not at all while another connection writes.
        let news = false;
        const reply = store.read(() => {
          const seen = store.people.seen(incoming.actor, at);
          news = seen.news;
          return this.run(command, text, word, incoming, seen.person, now);
        });
        if (news && !unlessBusy(() => store.transaction(() => store.people.meet(incoming.actor, at)))) {
          incoming.log.debug('the person was not remembered: the database is busy', { platform: incoming.actor.platform, user: incoming.actor.userId });
        }
        return reply;
      }
      return store.transaction(() => {
        // Inside the transaction, so a retry arriving at another process waits for the first to commit.
        const earlier = incoming.idempotencyKey ? store.receipts.get(incoming.idempotencyKey) : undefined;
        // The same answer again, but the channel notice went out with the first delivery.
        if (earlier) return { ...(JSON.parse(earlier) as Reply), publicEcho: undefined };
        const reply = this.run(command, text, word, incoming, store.people.meet(incoming.actor, at), now);
        if (incoming.idempotencyKey) store.receipts.save(incoming.idempotencyKey, JSON.stringify(reply), at);
        return reply;
      });
    } catch (error) {
      if (error instanceof RollBack) return error.reply;
      throw error;
    }
  }

  /** Authorizes, parses and runs the command as `person`; an error reply is thrown as {@link RollBack}. */
  private run(command: CommandDeclaration, text: string, word: string, incoming: Incoming, person: PersonRow, now: Date): Reply {
    const { store } = this.deps;
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
      who: { person, platform: incoming.place.platform, channelId: incoming.place.channelId, command: text, at: now.toISOString() },
      text,
      commands: this.deps.commands,
      operatorCommand: this.deps.operatorCommand ?? plainOperatorCommand,
      lexicon: this.deps.lexicon,
    };
    const parsed = command.parse(text.slice(word.length).trim(), ctx);
    const needed = parsed.ok ? command.guard?.(parsed.args, ctx) : this.offeredGuard(command, parsed.reply, ctx);
    if (needed && !allows(role, needed.role)) throw new RollBack(this.forbidden(needed.role, needed.doing, role));
    const reply = parsed.ok ? command.run(parsed.args, ctx) : parsed.reply;
    if (reply.tone === 'error') throw new RollBack(reply);
    return reply;
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
