/**
 * What a start loads. Every chat platform's adapter (and its SDK) is imported only when the
 * configuration asks for it, and drizzle only through src/store/orm.ts (its CommonJS build):
 * a stray static import of either costs every start a large part of a second. And the Node
 * options `npm start` gives (a small young generation, for the resident memory).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The modules a file imports with a static `import … from` that is not `import type`. */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^import\s+(?!type\s)[^;]*?from\s+['"]([^'"]+)['"]/gms)].map((m) => m[1]!);
}

it('loads drizzle only through src/store/orm.ts', () => {
  const importers = filesUnder(SRC)
    .filter((file) => staticImports(file).some((module) => module.startsWith('drizzle-orm')))
    .map((file) => file.slice(SRC.length + 1));
  expect(importers).toEqual([]);
});

it('imports no chat adapter statically from the list of platforms or from the parts every start loads', () => {
  const descriptors = readdirSync(join(SRC, 'adapters'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => `adapters/${e.name}/platform.ts`);
  expect(descriptors.length).toBeGreaterThanOrEqual(3);
  const everyStart = ['main.ts', 'bot.ts', 'chat.ts', 'cli.ts', 'config.ts', 'adapters/index.ts', ...descriptors].map((file) => join(SRC, file));
  const found = everyStart.flatMap((file) => staticImports(file).filter((module) => /-adapter\.ts$|shell\.ts$|@slack\/bolt|botbuilder/.test(module)));
  expect(found).toEqual([]);
  // Each platform builds its adapter with a dynamic import, when it is started.
  for (const file of descriptors) expect(readFileSync(join(SRC, file), 'utf8'), file).toMatch(/await import\('\.\/[\w-]+\.ts'\)/);
});

it("starts with npm start's Node options on this Node (an option Node no longer knew would stop every start)", () => {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [node, ...args] = scripts.start.split(' ');
  expect(node).toBe('node');
  expect(args).toContain('--max-semi-space-size=2');
  const run = spawnSync(process.execPath, [...args, 'help'], { cwd: ROOT, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.stdout).toMatch(/^Usage: ccm /);
  expect(run.status).toBe(0);
});
