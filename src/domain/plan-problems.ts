/**
 * A plan file's mistakes as the people who write it read them: the field's path in the file's
 * own terms (`milestones[3].window.from`, the fourth milestone counting from 0 as zod does), the
 * message, and the line, so a coordinator finds the spot without knowing what zod is.
 */
import { type Document, isNode, type LineCounter } from 'yaml';
import type { z } from 'zod';

/** `['milestones', 3, 'window', 'from']` → `milestones[3].window.from`; `(top level)` for the file itself. */
function pathText(path: readonly PropertyKey[]): string {
  const text = path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i > 0 ? '.' : ''}${String(part)}`)).join('');
  return text === '' ? '(top level)' : text;
}

/** A mistake found beyond the schema (see plan-readiness.ts), shaped as zod's own custom issues. */
export interface PlanIssue {
  code: 'custom';
  path: PropertyKey[];
  message: string;
}

/**
 * One line per problem, in the order of the file's lines (those without one, such as a missing
 * top-level field, last), so they can be fixed from top to bottom. An unknown field gets its own
 * path, so the typo is named where it is.
 */
export function describeIssues(issues: readonly (z.core.$ZodIssue | PlanIssue)[], document: Document, lines: LineCounter): string[] {
  const problem = (path: readonly PropertyKey[], message: string) => {
    const line = lineOf(path, document, lines);
    return { line: line ?? Number.POSITIVE_INFINITY, text: `${pathText(path)}: ${message}${line === undefined ? '' : ` (line ${line})`}` };
  };
  return issues
    .flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => problem([...issue.path, key], 'unknown field (check the spelling)'))
        : [problem(issue.path, issue.message)],
    )
    .sort((a, b) => a.line - b.line)
    .map((p) => p.text);
}

/** The line of the field, or of the nearest enclosing one that exists (a missing field has none of its own). */
function lineOf(path: readonly PropertyKey[], document: Document, lines: LineCounter): number | undefined {
  for (let length = path.length; length > 0; length--) {
    const node = document.getIn(path.slice(0, length), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}
