/**
 * Reading our own source as text, for the tests of the house's structure (layers.test.ts,
 * house.test.ts): which files there are, their code without comments, and whom they import.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const SRC = resolve(import.meta.dirname, '../../src');

/** A file's path as maintainers write it: relative to src/, e.g. `core/parse.ts`. */
export function inSrc(file: string): string {
  return relative(SRC, file);
}

/** Every .ts file under `dir`, at any depth. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/**
 * Source text without comments: explanations may give a platform or an import as an example,
 * code may not. A block comment keeps its line breaks, so that line numbers stay true.
 */
export function codeOf(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, '')).replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/** One import of one of our files by another, with the line it is on. */
export interface SourceImport {
  from: string;
  to: string;
  line: number;
}

/**
 * `import … from`, `export … from` (type-only ones too), bare `import '…'`, and lazy `import('…')`.
 * The clause before `from` holds only names, braces, commas, `*`, `type` and `as`, so the pattern
 * cannot run on into code.
 */
const IMPORT = /\b(?:import|export)\s[\w$*\s{},]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(?\s*['"]([^'"]+)['"]/g;

/** The files of ours that `file` imports: relative specifiers only, packages are not ours. */
export function relativeImports(file: string): SourceImport[] {
  const code = codeOf(readFileSync(file, 'utf8'));
  return [...code.matchAll(IMPORT)].flatMap((match) => {
    const specifier = match[1] ?? match[2] ?? '';
    if (!specifier.startsWith('.')) return [];
    const line = code.slice(0, match.index).split('\n').length;
    return [{ from: file, to: resolve(dirname(file), specifier), line }];
  });
}
