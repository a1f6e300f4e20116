/**
 * `npm run docs`: writes the command table of docs/using.md and the Teams command menus from
 * the command declarations (see command-docs.ts), and names the files it changed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { generatedDocs } from './command-docs.ts';

const root = resolve(import.meta.dirname, '..');
for (const { path, text } of generatedDocs()) {
  if (readFileSync(path, 'utf8') === text) continue;
  writeFileSync(path, text);
  console.log(`wrote ${relative(root, path)}`);
}
