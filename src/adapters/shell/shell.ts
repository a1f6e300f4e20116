/**
 * The local shell adapter: each input line is a command, each reply is printed as text.
 * Like Hubot's shell, it lets anyone try ccm-bot with no chat platform, and lets scripts
 * pipe commands in: at the end of input its conversation ends, and so does the process (exit 0).
 */
import { createInterface } from 'node:readline';
import type { Actor } from '../../core/command.ts';
import type { FormModel } from '../../core/form.ts';
import { submitForm } from '../../core/form-turn.ts';
import { placeWithoutAddress, runTurn } from '../../core/turn.ts';
import type { Reply } from '../../core/reply.ts';
import { renderText } from '../../render/text.ts';
import type { ChatAdapter } from '../adapter.ts';
import type { AdapterContext } from '../platform.ts';
import { fillForm } from './form-prompts.ts';

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
    const typed = lines[Symbol.asyncIterator]();
    const say = (text: string) => void output.write(`${text}\n`);
    const surface = { identify: async () => actor, answer: async (reply: Reply) => say(`${renderText(reply)}\n`) };
    // A form's questions read the lines that follow, from the same input.
    const ask = async (question: string) => {
      output.write(question);
      const next = await typed.next();
      // Piped answers are not echoed by a terminal: each is written after its question.
      if (!interactive) output.write(`${next.done ? '' : next.value}\n`);
      return next.done ? undefined : next.value;
    };
    for (let next = await typed.next(); !next.done; next = await typed.next()) {
      const text = next.value.trim();
      if (text === 'exit' || text === 'quit') break;
      if (text !== '' && !text.startsWith('#')) {
        const reply = await runTurn(
          core,
          { text, place: SHELL_PLACE, organization: undefined },
          {
            ...surface,
            // A form is asked for rather than shown.
            answer: async (answer) => (answer.form ? undefined : surface.answer(answer)),
          },
        );
        if (reply?.form) {
          await fillForm(reply.form, { ask, say }, async (values) => {
            let refused: FormModel | undefined;
            await submitForm(core, { place: SHELL_PLACE, organization: undefined }, values, {
              ...surface,
              showErrors: async (form) => {
                refused = form;
              },
            });
            return refused;
          });
        }
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
