/**
 * `ccm doctor`: every check an operator would otherwise make by hand, one line each (✓ fine,
 * ! worth a look, ✗ broken) with what to do; `--json` for monitoring; exit code 1 on a ✗. In
 * production, a start runs the same checks once it listens, in the background, as log warnings.
 */
import { platformFindings } from './adapters/index.ts';
import type { Finding } from './adapters/platform.ts';
import type { Subcommand } from './cli/subcommand.ts';
import { type Config, ConfigError, loadConfig, platformTitles, servedPlatforms } from './config.ts';
import { backupFinding, databaseFindings, planFindings, publicUrlFinding, replicaFinding } from './doctor-checks.ts';
import type { Log } from './log.ts';

/** How long one request (to Slack, to the public address) may take. */
const REQUEST_TIMEOUT_MS = 5000;

const MARKS: Record<Finding['status'], string> = { ok: '✓', warn: '!', fail: '✗' };

export const doctorSubcommand: Subcommand = {
  name: 'doctor',
  usage: [
    {
      synopsis: '[--json]',
      description: [
        'check the configuration, the database, the chat platforms’ credentials, the',
        'plans, backups, the replica and the public address; ✓ / ! / ✗ with the fix',
      ],
    },
  ],
  options: { json: { type: 'boolean' } },
  needs: 'environment',
  async run({ values }, { env, io, now }) {
    const findings = await diagnose(env, now, { integrity: true });
    const failed = findings.some((f) => f.status === 'fail');
    if (values.json) io.out.write(`${JSON.stringify({ ok: !failed, checks: findings }, null, 2)}\n`);
    else io.out.write(findings.map(findingLine).join(''));
    return failed ? 1 : 0;
  },
};

function findingLine({ status, check, detail, fix }: Finding): string {
  return `${MARKS[status]} ${check}: ${detail}${fix ? ` → ${fix}` : ''}\n`;
}

/**
 * Every check, in the order an operator would make them. A configuration that does not load is
 * the one failure said: the other checks need it.
 */
async function diagnose(env: Readonly<Record<string, string | undefined>>, now: Date, options: { integrity: boolean }): Promise<Finding[]> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return [{ status: 'fail', check: 'configuration', detail: error.message.replace(/\n\s*/g, ' '), fix: 'see docs/operating.md, "Configuration"' }];
  }
  const served = servedPlatforms(config.adapters);
  const platforms = served.map((name) => ({ name, settings: config.settings[name], allowed: config.access.allowed[name] }));
  const optional = await Promise.all([replicaFinding(config, REQUEST_TIMEOUT_MS), publicUrlFinding(config, REQUEST_TIMEOUT_MS)]);
  return [
    {
      status: 'ok',
      check: 'configuration',
      detail: served.length > 0 ? `serving ${platformTitles(served, ' and ')} on port ${config.port}` : 'the local shell only',
    },
    ...databaseFindings(config.dbPath, options),
    ...(await platformFindings(platforms, REQUEST_TIMEOUT_MS)),
    ...planFindings(config, now),
    backupFinding(config.dbPath, now),
    ...optional.filter((f) => f !== undefined),
  ];
}

/**
 * At a production start, once the server listens: the checks in the background, each warning
 * and failure a log line, so that an operator reading the journal sees them without waiting
 * for start-up. The full integrity check is left to `ccm doctor`: it reads the whole file.
 */
export function doctorInBackground(env: Readonly<Record<string, string | undefined>>, log: Log): Promise<void> {
  return diagnose(env, new Date(), { integrity: false }).then(
    (findings) => {
      for (const { status, check, detail, fix } of findings.filter((f) => f.status !== 'ok')) log.warn(`doctor: ${MARKS[status]} ${check}`, { detail, fix });
    },
    (error: unknown) => log.warn('doctor: the checks failed', { error: (error as Error).message }),
  );
}
