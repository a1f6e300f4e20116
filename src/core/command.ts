/**
 * What a command is: a declaration with its help and its handler, in one file per command
 * under `src/commands/`. The registry, help text and platform manifests are derived from
 * these declarations.
 */
import { randomUUID } from 'node:crypto';
import type { Plan } from '../domain/plan.ts';
import type { Role } from './access.ts';
import type { Address, PlaceKind } from './address.ts';
import type { PlanBook } from '../domain/plan-book.ts';
import type { StateDirectory } from '../domain/states.ts';
import type { StateLexicon } from '../domain/state-words.ts';
import type { Attribution, PersonRow, Store } from '../store/store.ts';
import type { OperatorCommand } from './operator-command.ts';
import type { Reply } from './reply.ts';

/** The person sending a command, as their platform identifies them. */
export interface Actor {
  platform: string;
  userId: string;
  displayName: string;
  /** Where the platform can reach the person privately (nudges); none in the local shell. */
  address?: Address;
  /** The person's IANA time zone, where the platform says it (their nudges go out at the plan's time there). */
  timeZone?: string;
  /**
   * The organization the request comes from (a Slack workspace's team id, a Teams tenant id),
   * checked against the allowed ones before anything is read; none in the local shell.
   */
  organization?: string;
}

/** Where a command came from; replies and public echoes go back there. */
export interface Place {
  platform: string;
  kind: PlaceKind;
  /** The platform's id of the conversation, as stored with entries and subscriptions; null in the shell. */
  channelId: string | null;
  /** Where the platform can post to this conversation later (reminders, digests); null in the shell. */
  address: Address | null;
}

/** A command as an adapter hands it to the core. */
export interface Incoming {
  text: string;
  actor: Actor;
  place: Place;
  /**
   * Identifies one delivery of one command (e.g. Slack's trigger_id); a second delivery
   * with the same key gets the first reply and changes nothing.
   */
  idempotencyKey?: string;
  /**
   * Names this command in every log line about it, and is the reference an error reply
   * quotes. Adapters set it when the request arrives (see {@link newRequestId}), so that
   * their own lines carry it too; the core makes one when it is absent.
   */
  requestId?: string;
  /**
   * When the request reached the adapter (a `performance.now()` time): the time to answer it
   * counts from there, the name look-up included (see Core.respond). Now when absent.
   */
  arrivedAt?: number;
}

/** A fresh request id: short enough to read out or type, e.g. `3f2a9c1e`. */
export function newRequestId(): string {
  return randomUUID().slice(0, 8);
}

/** Everything a command may use. Built fresh for each command by the dispatcher. */
export interface CommandContext {
  store: Store;
  states: StateDirectory;
  /** The plan in force today (see {@link PlanBook.activeOn}). */
  plan: Plan;
  /** Every cycle's plan, for commands that show another one (`deliverables <plan id>`). */
  plans: PlanBook;
  /** The calendar date in the group's time zone when the command arrived. */
  today: string;
  timeZone: string;
  person: PersonRow;
  /** What the person may do (see core/access.ts). */
  role: Role;
  /** What anyone may do, configuration included: for `role` and for naming whom to ask. */
  roleOf(person: PersonRow): Role;
  /** Whether a person is an admin through configuration (CCM_ADMINS), which `role` cannot change. */
  adminByConfiguration(person: PersonRow): boolean;
  /** Where the command was typed. */
  place: Place;
  /** The attribution to record with any change this command makes. */
  who: Attribution;
  /** The command text as typed, without a leading /ccm; used to build corrected suggestions. */
  text: string;
  /** All declared commands, for help. */
  commands: readonly CommandDeclaration[];
  /** How to spell a `ccm` command for the operator to run (see core/operator-command.ts). */
  operatorCommand: OperatorCommand;
  /** The words sentences name states by, for a form filled from a sentence; absent where sentences are not read. */
  lexicon?: StateLexicon;
}

export type ParseResult<A> = { ok: true; args: A } | { ok: false; reply: Reply };

export interface CommandDeclaration<A = unknown> {
  /** The word that starts the command, lower case. */
  name: string;
  /** Other words that start it ("contact" for "contacted"). */
  aliases?: readonly string[];
  /** The grammar, as shown in help: `meeting <state> held [on <date>]`. */
  usage: string;
  /** One sentence for the command list. */
  summary: string;
  /** Real commands that work as written; the first one is shown in the command list. */
  examples: readonly string[];
  /** Whether the command writes to the store (its writes then share one transaction). */
  writes: boolean;
  /** The least role that may use the command at all (member when absent); help lists it from there up. */
  role?: Role;
  /**
   * A stricter role for some of its uses, decided from the parsed arguments (changing the
   * top-15 list, someone else's step): the role, and what it allows, for the refusal
   * ("mark someone else's step done"). Runs after parse and before run.
   */
  guard?(args: A, ctx: CommandContext): { role: Role; doing: string } | undefined;
  /** Reads the words after the command name; returns the arguments or an error reply. */
  parse(rest: string, ctx: CommandContext): ParseResult<A>;
  /** Carries the command out. Throws only for bugs; user mistakes come back as replies. */
  run(args: A, ctx: CommandContext): Reply;
}

/** The least role that may use a command: member unless it says otherwise. */
export function leastRole(command: Pick<CommandDeclaration<unknown>, 'role'>): Role {
  return command.role ?? 'member';
}

/** Declares a command with its argument type inferred from `parse`. */
export function defineCommand<A>(declaration: CommandDeclaration<A>): CommandDeclaration<A> {
  return declaration;
}

/**
 * Whether the command's name alone is a command, read from its usage: with every optional
 * `[…]` part left out, one of its forms is the name and nothing else (`deliverables`, `quiet`,
 * `help`; not `deliverable <id>` or `echo on|off`).
 */
export function runsAlone(command: Pick<CommandDeclaration<unknown>, 'name' | 'usage'>): boolean {
  let usage = command.usage;
  for (let shorter = usage.replace(/\[[^[\]]*\]/g, ''); shorter !== usage; shorter = usage.replace(/\[[^[\]]*\]/g, '')) usage = shorter;
  return usage.split('|').some((form) => form.trim() === command.name);
}
