import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../src/commands/index.ts';

const readme = readFileSync(resolve(import.meta.dirname, '../README.md'), 'utf8');

describe('the README', () => {
  it('starts with what ccm-bot is for and the two commands a newcomer needs', () => {
    const head = readme.split('\n').slice(0, 12).join('\n');
    expect(head).toContain('npm install && npm start');
    expect(head).toContain('npm test');
  });

  it('documents every command in its command table', () => {
    const table = readme.slice(readme.indexOf('## Commands'), readme.indexOf('## Reminders'));
    for (const command of commands) expect(table).toContain(`| \`${command.name}`);
  });
});
