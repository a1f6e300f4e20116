/**
 * The deploy recipes in deploy/, tried as far as this machine allows: the systemd units with
 * `systemd-analyze verify`, the Caddy snippet with `caddy validate` (each skipped, saying so,
 * where the tool is absent), the Dockerfile linted offline with dockerfile-utils (no container
 * daemon here to build it), and deploy/README.md linking every recipe.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { validate } from 'dockerfile-utils';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const DEPLOY = resolve(import.meta.dirname, '../deploy');
const recipe = (name: string) => readFileSync(join(DEPLOY, name), 'utf8');

/** Whether `command` is on this machine's PATH. */
function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'ccm-deploy-'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

/** `key=value` settings of a unit file's [Service] section (the last one for a repeated key). */
function serviceSettings(unit: string): Record<string, string> {
  const section = unit.split(/^\[Service\]$/m)[1]!.split(/^\[/m)[0]!;
  return Object.fromEntries(section.split('\n').flatMap((line) => (/^\w+=/.test(line) ? [[line.split('=')[0]!, line.slice(line.indexOf('=') + 1)]] : [])));
}

describe('the systemd units', () => {
  it('run the bot hardened, as the user the backup runs as, with a Node of 22 or newer', () => {
    const bot = serviceSettings(recipe('ccm-bot.service'));
    const backup = serviceSettings(recipe('ccm-backup.service'));
    expect(bot).toMatchObject({ User: 'ccm', ProtectSystem: 'strict', UMask: '0077', NoNewPrivileges: 'true', PrivateTmp: 'true' });
    expect(bot.ReadWritePaths).toBe('/var/lib/ccm');
    expect(bot.Environment).toBeDefined();
    expect(recipe('ccm-bot.service')).toContain('Environment=CCM_DB_PATH=/var/lib/ccm/ccm.sqlite');
    expect(backup).toMatchObject({ User: bot.User, UMask: '0077', ProtectSystem: 'strict' });
    expect(backup.ReadWritePaths!.split(' ')).toContain('/var/lib/ccm');
    // Not Debian's own /usr/bin/node, which is older than 22.
    expect(bot.ExecStart).toMatch(/^\/usr\/local\/bin\/node .*bin\/ccm\.js$/);
    expect(backup.ExecStart).toContain('/usr/local/bin/node bin/ccm.js backup /var/backups/ccm/');
  });

  it.skipIf(!has('systemd-analyze'))('pass systemd-analyze verify (skipped where systemd-analyze is absent)', () => {
    // verify insists that ExecStart's program exists: here, the Node 22 running these tests.
    for (const name of ['ccm-bot.service', 'ccm-backup.service', 'ccm-backup.timer']) {
      writeFileSync(join(scratch, name), recipe(name).replaceAll('/usr/local/bin/node', process.execPath));
    }
    const result = spawnSync('systemd-analyze', ['verify', ...readdirSync(scratch).map((name) => join(scratch, name))], { encoding: 'utf8' });
    // It exits 0 on a setting it ignores, saying so on stderr: both must be clean.
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('the Caddy snippet', () => {
  it('passes on the platforms’ two paths and /healthz only, and the bot is told to trust it', () => {
    const caddyfile = recipe('Caddyfile');
    expect(caddyfile).toMatch(/@bot path \/slack\/events \/api\/messages \/healthz\n/);
    expect(caddyfile).toContain('reverse_proxy 127.0.0.1:3000');
    expect(caddyfile).toContain('CCM_TRUST_PROXY=127.0.0.1');
  });

  it.skipIf(!has('caddy'))('passes caddy validate (skipped where caddy is absent)', () => {
    const result = spawnSync('caddy', ['validate', '--config', join(DEPLOY, 'Caddyfile'), '--adapter', 'caddyfile'], {
      encoding: 'utf8',
      // Caddy keeps its state under the home folder: a scratch one.
      env: { PATH: process.env.PATH, HOME: scratch, XDG_DATA_HOME: scratch, XDG_CONFIG_HOME: scratch },
    });
    expect(result.stdout).toContain('Valid configuration');
    expect(result.status).toBe(0);
  });
});

describe('the Dockerfile', () => {
  const dockerfile = recipe('Dockerfile');

  it('lints clean with dockerfile-utils', () => {
    expect(validate(dockerfile).map((d) => `line ${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  });

  it('builds in stages, runs as a user of its own with the data in a volume, and checks /healthz', () => {
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^VOLUME \/data$/m);
    expect(dockerfile).toMatch(/CCM_DB_PATH=\/data\/ccm\.sqlite/);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/healthz/m);
    // What the running image needs of the repository, and nothing of the log left in a build folder.
    expect(recipe('Dockerfile.dockerignore')).toContain('data/*.sqlite*');
  });
});

it('replicates the database the units name, to object storage', () => {
  const config = parse(recipe('litestream.yml')) as { dbs: { path: string; replicas: { url: string }[] }[] };
  expect(config.dbs[0]!.path).toBe('/var/lib/ccm/ccm.sqlite');
  expect(config.dbs[0]!.replicas[0]!.url).toMatch(/^s3:\/\//);
});

it('links every recipe from deploy/README.md', () => {
  const readme = recipe('README.md');
  const recipes = readdirSync(DEPLOY).filter((name) => name !== 'README.md');
  expect(recipes.filter((name) => !readme.includes(`](${name})`))).toEqual([]);
});
