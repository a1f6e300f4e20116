/**
 * What a plan file must settle beyond its shape before the bot follows it: no placeholder left
 * from `ccm plan new`, and coordinators who are States Parties the state data knows. Installed
 * as is, a skeleton would make the public report say "coordinated by TODO coordinator". These
 * rules run wherever a plan is read (`parsePlan`), so `ccm plan check` and start-up refuse the
 * same files.
 */
import { type Document, isNode } from 'yaml';
import type { PlanIssue } from './plan-problems.ts';
import type { StateDirectory, StateRecord } from './states.ts';

/** How `ccm plan new` marks what is left to write: in a value, or in the comment beside one. */
const PLACEHOLDER = /\btodo\b/i;

/** The placeholders and the coordinators that cannot stand, each with its path in the file. */
export function readinessIssues(raw: unknown, document: Document, states: StateDirectory): PlanIssue[] {
  return [...placeholderIssues(raw, [], document), ...coordinatorIssues(raw, states)];
}

/**
 * Every value that is a TODO, or whose line ends in a `# TODO` comment (the skeleton's period and
 * example date are real dates, marked so only by the comment), one issue per value.
 */
function placeholderIssues(value: unknown, path: PropertyKey[], document: Document): PlanIssue[] {
  const node = path.length > 0 ? document.getIn(path, true) : undefined;
  const comment = isNode(node) ? (node.comment?.trim() ?? '') : '';
  const hint = PLACEHOLDER.test(comment) ? comment : undefined;
  const own = typeof value === 'string' && PLACEHOLDER.test(value);
  const here: PlanIssue[] =
    own || hint
      ? [
          {
            code: 'custom',
            path,
            message: own
              ? `"${value}" is a placeholder from \`ccm plan new\`${hint ? ` (${hint})` : ''}: replace it with the plan's own value`
              : `the comment beside it says "${hint}": make the value the plan's own, then delete that comment`,
          },
        ]
      : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, i) => placeholderIssues(item, [...path, i], document))];
  if (value && typeof value === 'object') {
    return [...here, ...Object.entries(value).flatMap(([key, item]) => placeholderIssues(item, [...path, key], document))];
  }
  return here;
}

/**
 * Each coordinator named as the chat grammar reads a state (name, code or alias), and a State
 * Party by data/states.csv: the public report says the group is "coordinated by" them. A
 * placeholder is left to {@link placeholderIssues}.
 */
function coordinatorIssues(raw: unknown, states: StateDirectory): PlanIssue[] {
  const coordinators = raw && typeof raw === 'object' && 'coordinators' in raw ? raw.coordinators : undefined;
  if (!Array.isArray(coordinators)) return [];
  return coordinators.flatMap((typed: unknown, i): PlanIssue[] => {
    if (typeof typed !== 'string' || typed.trim() === '' || PLACEHOLDER.test(typed)) return [];
    const message = coordinatorProblem(typed, states);
    return message ? [{ code: 'custom', path: ['coordinators', i], message }] : [];
  });
}

const STATUS_WORDS: Record<StateRecord['ccmStatus'], string> = {
  party: 'a State Party',
  signatory: 'a signatory that has not ratified',
  not_signatory: 'not a signatory',
  withdrawn: 'withdrawn from the Convention',
};

function coordinatorProblem(typed: string, states: StateDirectory): string | undefined {
  const found = states.resolve(typed);
  if (found.ok) {
    return found.state.ccmStatus === 'party'
      ? undefined
      : `${found.state.name} is ${STATUS_WORDS[found.state.ccmStatus]} (data/states.csv): the coordinators are States Parties`;
  }
  const names = found.suggestions.map((s) => s.name);
  const choice = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
  if (found.reason === 'ambiguous') return `"${found.input}" could mean ${choice}: write the one you mean in full`;
  return names.length > 0
    ? `"${found.input}" is not a state I know: did you mean ${choice}?`
    : `"${found.input}" is not a state I know: write a State Party's name, ISO code or common name, as in data/states.csv`;
}
