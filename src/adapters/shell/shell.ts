/**
 * The local shell adapter: each input line is a command, each reply is printed as text.
 * Like Hubot's shell, it lets anyone try ccm-bot with no chat platform, and lets scripts
 * pipe commands in: at the end of input its conversation ends, and so does the process (exit 0).
 */
import { createInterface } from 'node:readline';
import type { Actor } from '../../core/command.ts';
import { placeWithoutAddress, runTurn } from '../../core/turn.ts';
import { renderText } from '../../render/text.ts';
import type { ChatAdapter } from '../adapter.ts';
import type { AdapterContext } from '../platform.ts';

/** The terminal: a conversation with one person, and no address to post to later. */
export const SHELL_PLACE = placeWithoutAddress('shell');

export function createShellAdapter({ core, terminal, localUser }: Pick<AdapterContext, 'core' | 'terminal' | 'localUser'>): ChatAdapter {
  const { input, output } = terminal;
  // Interactive terminals get a greeting and a prompt; pipes get replies only.
  const interactive = input.isTTY === true;
  const actor: Actor = { platform: SHELL_PLACE.platform, userId: localUser, displayName: localUser };
  let ended: Promise<void> | undefined;
  let closeLines: (() => void) | undefined;

  async function converse(): Promise<void> {
    const lines = createInterface({ input, output: interactive ? output : undefined, terminal: interactive });
    closeLines = () => lines.close();
    if (interactive) {
      output.write(`ccm-bot shell. You are "${actor.displayName}". Type help, or exit to leave.\n`);
      lines.setPrompt('ccm> ');
      lines.prompt();
    }
    for await (const line of lines) {
      const text = line.trim();
      if (text === 'exit' || text === 'quit') break;
      if (text !== '' && !text.startsWith('#')) {
        await runTurn(
          core,
          { text, place: SHELL_PLACE, organization: undefined },
          {
            identify: async () => actor,
            answer: async (reply) => void output.write(`${renderText(reply)}\n\n`),
          },
        );
      }
      if (interactive) lines.prompt();
    }
    lines.close();
  }

  return {
    name: SHELL_PLACE.platform,
    routes: [],
    addresses: { platform: SHELL_PLACE.platform, encode: () => '', decode: () => undefined },
    // One person at the terminal: every answer is theirs alone.
    privateAnswers: 'native',
    async start() {
      ended = converse();
    },
    get ended() {
      return ended;
    },
    async stop() {
      closeLines?.();
      await ended;
    },
  };
}
