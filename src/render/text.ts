/**
 * Replies as plain text, for the terminal shell and as the fallback text of chat messages.
 * Text is printed as written; a terminal needs no escaping.
 */
import { progressFigure, type Reply, withoutAttachment, withoutPicture } from '../core/reply.ts';

const MARK: Record<Reply['tone'], string> = { success: '✓ ', info: '', warning: '! ', error: '✗ ' };

/** A ten-character bar: "[####------]". */
function progressBar(current: number, target: number): string {
  const filled = Math.max(0, Math.min(10, Math.round((current / target) * 10)));
  return `[${'#'.repeat(filled)}${'-'.repeat(10 - filled)}]`;
}

export function renderText(withFile: Reply): string {
  // A terminal gets no file and no picture: it shows how to get them instead (the command to run).
  const reply = withoutPicture(withoutAttachment(withFile));
  const out: string[] = [`${MARK[reply.tone]}${reply.title}`];
  for (const fact of reply.facts ?? []) out.push(`  ${fact.label}: ${fact.value}`);
  let group: string | undefined;
  for (const p of reply.progress ?? []) {
    if (p.group && p.group.title !== group) {
      group = p.group.title;
      out.push('', `  ${p.group.title}${p.group.detail ? ` (${p.group.detail})` : ''}`);
    }
    const bar = p.target === undefined ? '' : ` ${progressBar(p.current, p.target)}`;
    const status = p.status === 'done' ? ' ✓' : p.status === 'behind' ? ' (behind)' : '';
    out.push(`    ${p.label}: ${progressFigure(p)}${bar}${status}`);
    if (p.detail) out.push(`      ${p.detail}`);
  }
  for (const line of reply.lines ?? []) out.push(`  ${line}`);
  for (const section of reply.sections ?? []) {
    out.push('', `  ${section.heading}`);
    if (section.items.length === 0 && section.empty) out.push(`    ${section.empty}`);
    for (const item of section.items) {
      out.push(`    - ${item.text}`);
      if (item.detail) out.push(`      ${item.detail}`);
    }
    if (section.more) out.push(`    … ${section.more.count} more: \`${section.more.hint}\``);
  }
  if (reply.suggestions && reply.suggestions.length > 0) {
    out.push('  Try:');
    // A corrected command names the state by its code ("meeting COD held"): say which state that is.
    for (const s of reply.suggestions) out.push(`    ${s.command}${s.command.includes(s.label) ? '' : `  (${s.label})`}`);
  }
  for (const action of reply.actions ?? []) out.push(`  ${action.label}: ${action.command}`);
  if (reply.publicEcho) out.push(`  Channel notice: ${reply.publicEcho}`);
  return out.join('\n');
}
