/**
 * The local shell adapter: each input line is a command, each reply is printed as text.
 * Like Hubot's shell, it lets anyone try ccm-bot with no chat platform, and lets scripts
 * pipe commands in: at the end of input it returns, and the process exits 0.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Actor, Place } from '../../core/command.ts';
import type { Core } from '../../core/dispatch.ts';
import { renderText } from '../../render/text.ts';

/** The terminal: a conversation with one person, and no address to post to later. */
export const SHELL_PLACE: Place = { platform: 'shell', kind: 'personal', channelId: null, address: null };

export interface ShellOptions {
  core: Core;
  input: Readable;
  output: Writable;
  actor: Actor;
  /** Interactive terminals get a greeting and a prompt; pipes get replies only. */
  interactive: boolean;
}

export async function runShell({ core, input, output, actor, interactive }: ShellOptions): Promise<void> {
  const lines = createInterface({ input, output: interactive ? output : undefined, terminal: interactive });
  if (interactive) {
    output.write(`ccm-bot shell. You are "${actor.displayName}". Type help, or exit to leave.\n`);
    lines.setPrompt('ccm> ');
    lines.prompt();
  }
  for await (const line of lines) {
    const text = line.trim();
    if (text === 'exit' || text === 'quit') break;
    if (text !== '' && !text.startsWith('#')) {
      const reply = await core.respond({ text, actor, place: SHELL_PLACE });
      output.write(`${renderText(reply)}\n\n`);
    }
    if (interactive) lines.prompt();
  }
  lines.close();
}
