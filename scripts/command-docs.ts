/**
 * What `npm run docs` writes, made from the command declarations (src/commands/): the command
 * table in docs/using.md, between its markers, and the command menus of the Teams manifest.
 * `help` reads the same declarations, so the table, help and the menus cannot say different
 * things. test/docs.test.ts fails when a committed file differs from what this would write.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { commands } from '../src/commands/index.ts';
import { ROLE_HOLDERS } from '../src/core/access.ts';
import type { CommandDeclaration } from '../src/core/command.ts';
import { leastRole } from '../src/core/command.ts';
import { COMMAND_MENUS, commandDescription, TEAMS_MANIFEST_DIR } from './teams-package.ts';

const ROOT = resolve(import.meta.dirname, '..');

export const TABLE_START = '<!-- The command table is generated from src/commands/ by `npm run docs`: edit the declarations, not this table. -->';
export const TABLE_END = '<!-- End of the generated command table. -->';

/** A generated file: where it goes and its whole text. */
export interface GeneratedFile {
  path: string;
  text: string;
}

/** Prose for a Markdown table cell: `<…>` outside backticks would read as HTML, `|` as a column. */
function cell(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replaceAll('<', '&lt;').replaceAll('>', '&gt;')))
    .join('')
    .replaceAll('|', '\\|');
}

function row(command: CommandDeclaration): string {
  const role = leastRole(command);
  const what = [
    command.summary,
    ...(role === 'member' ? [] : [`Only ${ROLE_HOLDERS[role]}.`]),
    ...(command.aliases?.length ? [`Also: ${command.aliases.map((alias) => `\`${alias}\``).join(', ')}.`] : []),
    `${command.examples.length === 1 ? 'Example' : 'Examples'}: ${command.examples.map((example) => `\`${example}\``).join(', ')}.`,
  ];
  return `| \`${command.usage.replaceAll('|', '\\|')}\` | ${cell(what.join(' '))} |`;
}

/** The command table, markers included, in the order help lists the commands. */
export function commandTable(): string {
  return [TABLE_START, '', '| Command | What it does |', '| --- | --- |', ...commands.map(row), '', TABLE_END].join('\n');
}

/** docs/using.md with its command table as the declarations say it. */
function usingDoc(): GeneratedFile {
  const path = join(ROOT, 'docs/using.md');
  const text = readFileSync(path, 'utf8');
  const start = text.indexOf(TABLE_START);
  const end = text.indexOf(TABLE_END);
  if (start === -1 || end < start) throw new Error(`${path} has lost the markers of its command table; put back:\n${TABLE_START}\n${TABLE_END}`);
  return { path, text: text.slice(0, start) + commandTable() + text.slice(end + TABLE_END.length) };
}

/** The Teams manifest with each command menu's titles and descriptions from the declarations. */
function teamsManifest(): GeneratedFile {
  const path = join(TEAMS_MANIFEST_DIR, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8'));
  manifest.bots[0].commandLists = Object.entries(COMMAND_MENUS).map(([scope, names]) => ({
    scopes: [scope],
    commands: names.map((name) => {
      const command = commands.find((c) => c.name === name);
      if (!command) throw new Error(`COMMAND_MENUS in scripts/teams-package.ts names "${name}", which is no command in src/commands/index.ts`);
      return { title: command.name, description: commandDescription(command.summary) };
    }),
  }));
  return { path, text: `${JSON.stringify(manifest, null, 2)}\n` };
}

/** Every file `npm run docs` writes, with the text it would write. */
export function generatedDocs(): GeneratedFile[] {
  return [usingDoc(), teamsManifest()];
}
