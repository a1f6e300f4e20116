/**
 * The refusal codes are a closed list (src/core/error-codes.ts): every one is used by the code,
 * and the troubleshooting table of docs/operating.md shows exactly them, with the same meanings.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../src/core/error-codes.ts';

const ROOT = resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('the refusal codes', () => {
  it('are each used somewhere in src/, beside the list itself', () => {
    const code = sources(join(ROOT, 'src'))
      .filter((path) => !path.endsWith('error-codes.ts'))
      .map((path) => readFileSync(path, 'utf8'))
      .join('\n');
    expect(Object.keys(ERROR_CODES).filter((name) => !code.includes(`'${name}'`))).toEqual([]);
  });

  it('are the troubleshooting table of docs/operating.md, row for row', () => {
    const readme = readFileSync(join(ROOT, 'docs/operating.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Troubleshooting'), readme.indexOf('\n## ', readme.indexOf('## Troubleshooting') + 1));
    const rows = [...section.matchAll(/^\| `([a-z-]+)` \| (.*) \|$/gm)].map((m) => [m[1], m[2]!.replaceAll('\\|', '|')]);
    expect(rows).toEqual(Object.entries(ERROR_CODES));
  });
});
