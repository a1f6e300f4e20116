import countries from 'i18n-iso-countries';
import { describe, expect, it } from 'vitest';
import { STATES_FILE } from '../src/config.ts';
import { loadStatesCsv, normalizeName, parseCsv, StateDirectory } from '../src/domain/states.ts';

const directory = new StateDirectory(loadStatesCsv(STATES_FILE));

describe('the state reference data', () => {
  it('holds every row of the shipped file with the counts its sources report', () => {
    const all = directory.all;
    expect(all).toHaveLength(197);
    const count = (status: string) => all.filter((s) => s.ccmStatus === status).length;
    expect([count('party'), count('signatory'), count('not_signatory'), count('withdrawn')]).toEqual([112, 12, 72, 1]);
  });

  it('reads quoted fields with commas', () => {
    expect(parseCsv('a,"b, c",d\n"x ""y""",,z\n')).toEqual([['a', 'b, c', 'd'], ['x "y"', '', 'z']]);
    expect(directory.byCode('BHS').aliases).toContain('Bahamas, The');
  });

  it('gives every state its ISO 3166-1 numeric code, the key of the world map, as the ISO standard does', () => {
    // Written into the file once from the alpha-3 codes; checked here against a maintained copy of the standard.
    const wrong = directory.all.filter((s) => s.isoNumeric !== countries.alpha3ToNumeric(s.iso3));
    expect(wrong.map((s) => `${s.iso3} ${s.isoNumeric}`)).toEqual([]);
    expect(new Set(directory.all.map((s) => s.isoNumeric)).size).toBe(directory.all.length);
    expect(['LAO', 'VAT', 'PSE', 'COK', 'NIU'].map((iso3) => directory.byCode(iso3).isoNumeric)).toEqual(['418', '336', '275', '184', '570']);
  });
});

describe('resolving typed names', () => {
  it.each([
    ['Lao PDR', 'LAO'],
    ['laos', 'LAO'],
    ['LAO', 'LAO'],
    ['la', 'LAO'],
    ["Lao People's Democratic Republic", 'LAO'],
    ['Lao Peoples Democratic Republic', 'LAO'],
    ['Vietnam', 'VNM'],
    ['viet nam', 'VNM'],
    ["Cote d'Ivoire", 'CIV'],
    ['Côte d’Ivoire', 'CIV'],
    ['cote d ivoire', 'CIV'],
    ['Ivory Coast', 'CIV'],
    ['Türkiye', 'TUR'],
    ['Turkey', 'TUR'],
    ['turkiye', 'TUR'],
    ['DRC', 'COD'],
    ['DR Congo', 'COD'],
    ['Congo-Kinshasa', 'COD'],
    ['Congo (Kinshasa)', 'COD'],
    ['Democratic Republic of the Congo', 'COD'],
    ['COD', 'COD'],
    ['cd', 'COD'],
    ['Republic of the Congo', 'COG'],
    ['Congo-Brazzaville', 'COG'],
    ['congo brazzaville', 'COG'],
    ['Congo Republic', 'COG'],
    ['COG', 'COG'],
    ['Guinea', 'GIN'],
    ['Equatorial Guinea', 'GNQ'],
    ['Papua New Guinea', 'PNG'],
    ['Sudan', 'SDN'],
    ['South Sudan', 'SSD'],
    ['Dominica', 'DMA'],
    ['Dominican Republic', 'DOM'],
    ['Samoa', 'WSM'],
    ['North Korea', 'PRK'],
    ['South Korea', 'KOR'],
    ['the Bahamas', 'BHS'],
    ['Bahamas', 'BHS'],
    ['"United Republic of Tanzania"', 'TZA'],
    ['Guinea-Bissau', 'GNB'],
    ['guinea bissau', 'GNB'],
    ['Niger', 'NER'],
    ['Nigeria', 'NGA'],
    ['Netherlands', 'NLD'],
    ['Czech Republic', 'CZE'],
  ])('%s → %s', (typed, iso3) => {
    const result = directory.resolve(typed);
    expect(result.ok && result.state.iso3).toBe(iso3);
  });

  it('never guesses a typo, and suggests the intended state', () => {
    const result = directory.resolve('Lao PRD');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe('unknown');
    expect(result.suggestions.map((s) => s.iso3)).toEqual(['LAO']);
  });

  it('calls a name shared by several states ambiguous and offers only those', () => {
    const result = directory.resolve('Korea');
    expect(result).toMatchObject({ ok: false, reason: 'ambiguous' });
    if (result.ok) return;
    expect(result.suggestions.map((s) => s.iso3).sort()).toEqual(['KOR', 'PRK']);
  });

  it('asks which Congo: in outreach talk "Congo" means either, and as often the DRC', () => {
    for (const typed of ['Congo', 'congo', '"Congo"', 'the Congo']) {
      const result = directory.resolve(typed);
      expect(result).toMatchObject({ ok: false, reason: 'ambiguous' });
      if (!result.ok) expect(result.suggestions.map((s) => s.iso3)).toEqual(['COG', 'COD']);
    }
  });

  it('never reads a near-miss of a longer name as the shorter one', () => {
    for (const typed of ['American Samoa', 'Western Samoa', 'Guinea Equatorial', 'Northern Ireland', 'Nigerr']) {
      expect(directory.resolve(typed).ok).toBe(false);
    }
  });

  it('offers nothing rather than noise for a name nothing resembles', () => {
    expect(directory.resolve('Atlantis')).toMatchObject({ ok: false, reason: 'unknown', suggestions: [] });
  });

  it('offers at most three suggestions', () => {
    for (const typed of ['Guinea', 'Saint', 'Republic', 'Sudan ', 'Islands']) {
      const result = directory.resolve(typed);
      if (!result.ok) expect(result.suggestions.length).toBeLessThanOrEqual(3);
    }
  });

  it('finds the longest state name at the start of free text', () => {
    const prefix = (words: string[]) => {
      const match = directory.resolvePrefix(words);
      return match && { states: match.states.map((s) => s.iso3), used: match.used };
    };
    expect(prefix(['Guinea-Bissau', 'send', 'note'])).toEqual({ states: ['GNB'], used: 1 });
    expect(prefix(['Guinea', 'Bissau', 'send', 'note'])).toEqual({ states: ['GNB'], used: 2 });
    expect(prefix(['Guinea', 'send', 'note'])).toEqual({ states: ['GIN'], used: 1 });
    expect(prefix(['Equatorial', 'Guinea', 'send'])).toEqual({ states: ['GNQ'], used: 2 });
    expect(prefix(['Papua', 'New', 'Guinea', 'send'])).toEqual({ states: ['PNG'], used: 3 });
    expect(prefix(['Viet', 'Nam', 'share', 'steps'])).toEqual({ states: ['VNM'], used: 2 });
    expect(prefix(['South', 'Sudan', 'send'])).toEqual({ states: ['SSD'], used: 2 });
    expect(prefix(['Sudan', 'send'])).toEqual({ states: ['SDN'], used: 1 });
    expect(prefix(['Nigeria', 'send'])).toEqual({ states: ['NGA'], used: 1 });
    expect(prefix(['Niger', 'send'])).toEqual({ states: ['NER'], used: 1 });
    expect(prefix(['Dominican', 'Republic', 'send'])).toEqual({ states: ['DOM'], used: 2 });
    // A shared name gives every state it may mean; a longer exact name wins over it.
    expect(prefix(['Congo', 'send', 'the', 'note'])).toEqual({ states: ['COG', 'COD'], used: 1 });
    expect(prefix(['Congo-Brazzaville', 'send'])).toEqual({ states: ['COG'], used: 1 });
    expect(prefix(['Congo', 'Kinshasa', 'send'])).toEqual({ states: ['COD'], used: 2 });
    expect(prefix(['DRC', 'send'])).toEqual({ states: ['COD'], used: 1 });
    expect(directory.resolvePrefix(['Atlantis', 'send'])).toBeUndefined();
  });

  it('normalises case, accents and punctuation', () => {
    expect(normalizeName('  Côte d’Ivoire ')).toBe('cote divoire');
    expect(normalizeName('Bosnia & Herzegovina')).toBe('bosnia and herzegovina');
    expect(normalizeName('TÜRKİYE')).toBe('turkiye');
  });

  it('refuses reference data in which one name belongs to two states', () => {
    const [lao, vnm] = [directory.byCode('LAO'), directory.byCode('VNM')];
    expect(() => new StateDirectory([lao, { ...vnm, aliases: ['Laos'] }])).toThrow(/belongs to both LAO and VNM/);
  });
});
