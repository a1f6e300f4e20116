/**
 * A platform is one folder: the files that name a chat platform in code are its adapter folder
 * and the list of platforms (src/adapters/index.ts), and nothing else in src/; its manifest
 * lives under manifests/ by its name. Adding a platform is the checklist in docs/developing.md
 * ("Adding a platform"); this test fails when a platform leaks into another file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { PLATFORMS } from '../src/adapters/index.ts';
import { codeOf, filesUnder, inSrc, SRC } from './support/source.ts';

/**
 * The words that give each chat platform away in code: its name, its SDK, its formats, the
 * shapes of its secrets. A new platform adds its line here (the test below insists).
 */
const VOCABULARY: Record<string, RegExp> = {
  slack: /slack|\bbolt\b|block ?kit|mrkdwn|\bxox[a-z]-/i,
  teams: /teams|microsoft|botbuilder|botframework|adaptive ?card|\bentra\b/i,
};

/** Every chat platform (the local shell aside: its name is also `ccm shell`, the command that starts it). */
const CHAT_PLATFORMS = PLATFORMS.filter((p) => !p.local).map((p) => p.name);

/** The files of src/ whose code (comments aside: explanations may give examples) names `platform`. */
function filesNaming(platform: string): string[] {
  return filesUnder(SRC)
    .filter((file) => VOCABULARY[platform]!.test(codeOf(readFileSync(file, 'utf8'))))
    .map(inSrc)
    .sort();
}

it('knows the words of every chat platform it checks', () => {
  expect(Object.keys(VOCABULARY).sort()).toEqual([...CHAT_PLATFORMS].sort());
});

it.each(CHAT_PLATFORMS)('names %s only in its own folder and the list of platforms', (platform) => {
  const outside = filesNaming(platform).filter((file) => !file.startsWith(`adapters/${platform}/`));
  expect(outside).toEqual(['adapters/index.ts']);
  // Its folder holds its description, its adapter and its renderer.
  const own = readdirSync(join(SRC, 'adapters', platform));
  expect(own).toEqual(expect.arrayContaining(['platform.ts', 'render.ts', 'address.ts']));
});

it('keeps each manifest under its platform’s name', () => {
  const manifests = readdirSync(resolve(SRC, '../manifests')).filter((name) => name !== 'README.md');
  expect(manifests.map((name) => name.replace(/\.yaml$/, '')).sort()).toEqual([...CHAT_PLATFORMS].sort());
});

it('builds every listed platform from its own folder', () => {
  const list = readFileSync(join(SRC, 'adapters/index.ts'), 'utf8');
  for (const platform of PLATFORMS) expect(list).toContain(`from './${platform.name}/platform.ts'`);
});
