import { describe, expect, it } from 'vitest';
import { words } from '../src/core/parse.ts';
import { splitNote } from '../src/core/split-note.ts';

describe('splitting the note off a command', () => {
  it.each([
    ['Viet Nam via capital — raised at consultations', 'Viet Nam via capital', 'raised at consultations'],
    ['Viet Nam via capital—raised', 'Viet Nam via capital', 'raised'],
    ['Kenya – en dash note', 'Kenya', 'en dash note'],
    ['Kenya -- double hyphen', 'Kenya', 'double hyphen'],
    ['Kenya - single hyphen - with a second one', 'Kenya', 'single hyphen - with a second one'],
    ['Guinea-Bissau held', 'Guinea-Bissau held', undefined],
    ['Timor-Leste held — note about Timor-Leste', 'Timor-Leste held', 'note about Timor-Leste'],
    ['Kenya —   ', 'Kenya', undefined],
  ])('%j', (text, body, note) => {
    expect(splitNote(text)).toEqual({ body, note });
  });
});

describe('splitting words', () => {
  it('keeps quoted names together', () => {
    expect(words('add "Papua New Guinea" lead  Norway')).toEqual(['add', 'Papua New Guinea', 'lead', 'Norway']);
    expect(words('“Viet Nam” share')).toEqual(['Viet Nam', 'share']);
  });
});
