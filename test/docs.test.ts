/**
 * The docs: the README's first lines, the files `npm run docs` writes from the command
 * declarations as committed, and every pointer into the docs (links between them, and the
 * `see docs/…, "<section>"` of messages and comments in src/) landing on a heading that exists.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedDocs } from '../scripts/command-docs.ts';
import { filesUnder, SRC } from './support/source.ts';

const ROOT = resolve(import.meta.dirname, '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const DOCS = ['README.md', 'CHANGELOG.md', 'docs/using.md', 'docs/operating.md', 'docs/developing.md', 'bench/README.md', 'manifests/README.md'];

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces as dashes. */
function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replaceAll(' ', '-');
}

/** The headings of a Markdown file, code blocks aside (a `# comment` in a shell block is none). */
function headings(path: string): string[] {
  const outsideCode = read(path).replace(/^```[\s\S]*?^```/gm, '');
  return [...outsideCode.matchAll(/^#{1,6} (.+)$/gm)].map((m) => m[1]!.trim());
}

describe('the README', () => {
  it('starts with what ccm-bot is for and the two commands a newcomer needs', () => {
    const head = read('README.md').split('\n').slice(0, 12).join('\n');
    expect(head).toContain('npm install && npm start');
    expect(head).toContain('npm test');
  });

  it('stays short: the rest is in the docs for each reader', () => {
    expect(read('README.md').split('\n').length).toBeLessThanOrEqual(120);
  });
});

describe('what `npm run docs` writes', () => {
  it.each(generatedDocs().map((file) => [relative(ROOT, file.path), file.text]))('%s is as committed', (path, text) => {
    expect(read(path) === text, `${path} differs from the command declarations in src/commands/: run \`npm run docs\` and commit it`).toBe(true);
  });
});

describe('pointers into the docs', () => {
  it('link only to files and headings that exist', () => {
    const broken = DOCS.flatMap((doc) =>
      [...read(doc).matchAll(/\]\(([^)\s]+)\)/g)]
        .map((m) => m[1]!)
        .filter((target) => !/^[a-z]+:/.test(target))
        .filter((target) => {
          const [file, hash] = target.split('#') as [string, string | undefined];
          const path = file === '' ? doc : relative(ROOT, resolve(ROOT, dirname(doc), file));
          if (!existsSync(join(ROOT, path))) return true;
          return hash !== undefined && !headings(path).map(anchor).includes(hash);
        })
        .map((target) => `${doc}: ${target}`),
    );
    expect(broken).toEqual([]);
  });

  it('from src/, name a section that exists, as `see docs/<file>.md, "<heading>"`', () => {
    const references = filesUnder(SRC).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/(README(?:\.md)?|CHANGELOG\.md|(?:docs|bench|manifests)\/[\w-]+\.md),?\s+(?:\*\s+)?\(?"([^"]+)"/g)].map((m) => ({
        file: relative(ROOT, file),
        doc: m[1]!,
        section: m[2]!,
      })),
    );
    expect(references.length).toBeGreaterThanOrEqual(8);
    const wrong = references.filter(({ doc, section }) => !DOCS.includes(doc) || !headings(doc).includes(section));
    expect(wrong).toEqual([]);
  });
});
