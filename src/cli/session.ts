/**
 * `ccm` (start) and `ccm shell`: the subcommands that run the bot itself, as main.ts does, with
 * the rehearsal options they share (see rehearsal.ts).
 */
import type { RehearsalRequest } from '../rehearsal.ts';
import { type Arguments, type Subcommand, UsageError } from './subcommand.ts';

const REHEARSAL_OPTIONS = { today: { type: 'string' }, 'copy-of': { type: 'string' } } as const;
const REHEARSAL_SYNOPSIS = '--today <date> [--copy-of <real db>]';

export const startSubcommand: Subcommand = {
  name: 'start',
  usage: [
    {
      synopsis: '',
      description: [
        'start ccm-bot: every chat platform whose credentials are set (see',
        'docs/operating.md, "Configuration"), or the adapters named in CCM_ADAPTERS, else the local shell',
      ],
    },
    { synopsis: REHEARSAL_SYNOPSIS, description: ['as ccm shell --today (below); refused where a chat platform is configured'] },
  ],
  options: REHEARSAL_OPTIONS,
  needs: 'chat session',
};

export const shellSubcommand: Subcommand = {
  name: 'shell',
  usage: [
    { synopsis: '', description: ['start the local shell: one command per line, e.g. "meeting Lao PDR held"'] },
    {
      synopsis: REHEARSAL_SYNOPSIS,
      description: [
        'rehearse: the local shell as if it were that day (YYYY-MM-DD), on a rehearsal',
        'database (CCM_DB_PATH: a new file becomes one, kept for the next run; the real',
        'log is refused); --copy-of starts it from a copy of the real log. Every reply',
        "says it is a rehearsal; the bot and ccm tick's posting refuse such a database",
      ],
    },
  ],
  options: REHEARSAL_OPTIONS,
  needs: 'chat session',
};

/** The rehearsal `--today` asks for, if any; `--copy-of` without it is a mistake. */
export function rehearsalRequest({ values }: Arguments): RehearsalRequest | undefined {
  const { today, 'copy-of': copyOf } = values;
  if (typeof today === 'string') return { today, copyOf: typeof copyOf === 'string' ? copyOf : undefined };
  if (copyOf !== undefined) throw new UsageError('--copy-of starts a rehearsal from a copy of the real log: it needs --today <date> too');
  return undefined;
}
