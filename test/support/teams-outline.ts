/**
 * A Teams card as lines of what a member reads, for snapshots that review like the message
 * itself: headings marked, facts as "label | value", lists indented, muted text after "~",
 * commands in backticks, buttons in brackets with the command they run.
 */
import type { CardElement, TeamsActivity } from '../../src/adapters/teams/render.ts';
import { visibleText } from '../../src/adapters/teams/card-text.ts';

function walk(elements: CardElement[], indent: string, out: string[]): void {
  for (const element of elements) {
    if (element.type === 'FactSet') {
      for (const fact of element.facts) out.push(`${indent}${visibleText(fact.title)} | ${visibleText(fact.value)}`);
    } else if (element.type === 'Container') {
      if (element.separator) out.push(`${indent}----`);
      walk(element.items, `${indent}  `, out);
    } else {
      const muted = element.inlines.every((run) => run.isSubtle);
      const text = element.inlines.map((run) => (run.fontType === 'Monospace' ? `\`${run.text}\`` : run.text)).join('');
      const first = element.inlines[0];
      const mark = first?.weight === 'Bolder' ? `# ${first.color ? `(${first.color}) ` : ''}` : muted ? '~ ' : '';
      out.push(`${indent}${mark}${visibleText(text)}`);
    }
  }
}

export function outline(activity: TeamsActivity): string {
  const card = activity.attachments[0].content;
  const out = [`summary: ${visibleText(activity.summary)}`];
  walk(card.body, '', out);
  for (const action of card.actions ?? []) {
    out.push(`[${visibleText(action.title)}]${action.style ? ` (${action.style})` : ''} → ${action.data.ccm}`);
  }
  return out.join('\n');
}
