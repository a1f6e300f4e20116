/**
 * The layers below the adapters know no chat platform: no file in the core, the domain, the
 * store, the scheduler, the commands or the reports names one in code or in what users read,
 * so a platform is added as one folder under src/adapters and a renderer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { codeOf, filesUnder, inSrc, SRC } from './support/source.ts';

const NEUTRAL = ['core', 'domain', 'store', 'scheduler', 'commands', 'reports'];
const PLATFORM_WORDS = /slack|teams|microsoft|botbuilder|bolt|block ?kit|adaptive ?card|ephemeral|mrkdwn/i;

it('names no chat platform below the adapters', () => {
  const found = NEUTRAL.flatMap((folder) => filesUnder(join(SRC, folder))).flatMap((file) =>
    codeOf(readFileSync(file, 'utf8'))
      .split('\n')
      .map((line, i) => ({ line, i }))
      .filter(({ line }) => PLATFORM_WORDS.test(line))
      .map(({ line, i }) => `${inSrc(file)}:${i + 1}: ${line.trim()}`),
  );
  expect(found).toEqual([]);
});

it('imports the Bot Framework SDK only in the Teams adapter, so that replacing it is a one-folder change', () => {
  const importers = filesUnder(SRC)
    .filter((file) => /from\s+['"](botbuilder|botframework-)[^'"]*['"]|import\(\s*['"](botbuilder|botframework-)/.test(readFileSync(file, 'utf8')))
    .map(inSrc);
  expect(importers.length).toBeGreaterThan(0);
  expect(importers.filter((file) => !file.startsWith('adapters/teams/'))).toEqual([]);
});
