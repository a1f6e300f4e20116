/**
 * The command table: every command found by its name or alias, and help derived from it.
 * Built once from the explicit list in `src/commands/index.ts`.
 */
import { boundedEditDistance } from '../domain/edit-distance.ts';
import type { CommandDeclaration } from './command.ts';

export class CommandRegistry {
  private readonly byWord = new Map<string, CommandDeclaration>();

  readonly commands: readonly CommandDeclaration[];

  constructor(commands: readonly CommandDeclaration[]) {
    this.commands = commands;
    for (const command of commands) {
      for (const word of [command.name, ...(command.aliases ?? [])]) {
        if (word !== word.toLowerCase() || /\s/.test(word)) {
          throw new Error(`Command word "${word}" must be one lower-case word`);
        }
        const holder = this.byWord.get(word);
        if (holder) throw new Error(`Command word "${word}" is declared by both "${holder.name}" and "${command.name}"`);
        this.byWord.set(word, command);
      }
    }
  }

  find(word: string): CommandDeclaration | undefined {
    return this.byWord.get(word.toLowerCase());
  }

  /** Command names close to a mistyped word, best first. */
  near(word: string): CommandDeclaration[] {
    const typed = word.toLowerCase();
    const scored = new Map<CommandDeclaration, number>();
    for (const [candidate, command] of this.byWord) {
      const allowed = Math.max(1, Math.floor(candidate.length / 3));
      const distance = boundedEditDistance(typed, candidate, allowed);
      if (distance <= allowed || (typed.length >= 3 && candidate.startsWith(typed))) {
        scored.set(command, Math.min(scored.get(command) ?? Number.POSITIVE_INFINITY, distance));
      }
    }
    return [...scored.entries()]
      .sort((a, b) => a[1] - b[1])
      .slice(0, 3)
      .map(([command]) => command);
  }
}
