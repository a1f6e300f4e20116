/**
 * vitest's global setup: the database every test bot starts from, made once per run. Opening
 * a new database applies every migration and syncs 197 states and the shipped plans, which
 * each of a hundred test bots would otherwise do again; a copy of the result is the same file.
 * The copy is made by createTestBot (./harness.ts) for bots on the shipped plans.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { assemble } from '../../src/bot.ts';
import { loadConfig } from '../../src/config.ts';
import { createLog } from '../../src/log.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The migrated, synced database file that test bots copy. */
    templateDatabase: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'ccm-template-'));
  const dbPath = join(dir, 'template.sqlite');
  // Closing checkpoints the write-ahead log into the file: the copy is the whole database.
  assemble(loadConfig({ CCM_DB_PATH: dbPath, CCM_USER: 'tester' }), createLog('silent')).database.close();
  project.provide('templateDatabase', dbPath);
  return () => rmSync(dir, { recursive: true, force: true });
}
