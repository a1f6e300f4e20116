/**
 * What only the `ccm` executable does, in a process of its own: it reads a .env file in the
 * working folder (without overriding the environment), and runs as `npx ccm` with no build step.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/harness.ts';

const CCM = resolve(import.meta.dirname, '../../bin/ccm.js');
const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ccm(input: string, env: Record<string, string> = {}, args: string[] = [], cwd?: string) {
  const result = spawnSync(process.execPath, [CCM, ...args], {
    cwd,
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: dir, CCM_DB_PATH: join(dir, 'shell.sqlite'), CCM_USER: 'ana', ...env },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('the ccm executable', () => {
  it('reads a .env file in the working folder without overriding the environment', () => {
    const work = join(dir, 'work');
    mkdirSync(work);
    writeFileSync(join(work, '.env'), 'CCM_USER=from-dotenv\nCCM_TIMEZONE=America/Costa_Rica\n');
    const run = ccm('meeting Kenya held\nlog\n', { CCM_DB_PATH: join(work, 'env.sqlite') }, [], work);
    expect(run.code).toBe(0);
    // CCM_USER=ana from the real environment wins; the time zone comes from the file.
    expect(run.out).toContain('logged by ana');
    expect(
      spawnSync(process.execPath, [CCM], {
        cwd: work,
        input: 'meeting Kenya held\nlog\n',
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: dir, CCM_DB_PATH: join(work, 'env2.sqlite') },
      }).stdout,
    ).toContain('logged by from-dotenv');
  });

  it('runs as `npx ccm` from the project folder, with no build step', () => {
    const run = spawnSync('npx', ['--no-install', 'ccm', 'shell'], {
      cwd: resolve(import.meta.dirname, '../..'),
      input: 'state Norway\n',
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: dir, CCM_DB_PATH: join(dir, 'npx.sqlite'), CCM_USER: 'ana' },
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('CCM: Joined 3 Dec 2008 (instrument deposited); State Party since 1 Aug 2010');
  });
});
