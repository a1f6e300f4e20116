import countries from 'i18n-iso-countries';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STATES_FILE } from '../src/config.ts';
import { boundedEditDistance, editDistance } from '../src/domain/edit-distance.ts';
import { loadStatesCsv, normalizeName, parseCsv, StateDirectory } from '../src/domain/states.ts';
import { FUZZ_SEED } from './support/fuzz.ts';

const directory = new StateDirectory(loadStatesCsv(STATES_FILE));

describe('the state reference data', () => {
  it('holds every row of the shipped file with the counts its sources report', () => {
    const all = directory.all;
    expect(all).toHaveLength(197);
    const count = (status: string) => all.filter((s) => s.ccmStatus === status).length;
    expect([count('party'), count('signatory'), count('not_signatory'), count('withdrawn')]).toEqual([112, 12, 72, 1]);
  });

  it('reads quoted fields with commas', () => {
    expect(parseCsv('a,"b, c",d\n"x ""y""",,z\n')).toEqual([
      ['a', 'b, c', 'd'],
      ['x "y"', '', 'z'],
    ]);
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

describe('the distance between names', () => {
  /** The textbook table: insertions, deletions, substitutions and swaps of neighbours. */
  function reference(a: string, b: string): number {
    const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) {
        d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
      }
    }
    return d[a.length]![b.length]!;
  }

  it('counts swaps of neighbours as one edit', () => {
    expect(editDistance('lao prd', 'lao pdr')).toBe(1);
    expect(editDistance('kenia', 'kenya')).toBe(1);
    expect(editDistance('', 'niger')).toBe(5);
  });

  it('is exact up to a bound, and past it says only that it is past', () => {
    // Short words from a small alphabet, so that close and far pairs both come up; "š" is
    // U+0161, which shares its letter-count slot with "a" (U+0061).
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', 'š'), maxLength: 14 });
    fc.assert(
      fc.property(word, word, fc.option(fc.nat(8), { nil: undefined }), (a, b, max) => {
        const exact = reference(a, b);
        if (max === undefined) expect(editDistance(a, b)).toBe(exact);
        else if (exact <= max) expect(boundedEditDistance(a, b, max)).toBe(exact);
        else expect(boundedEditDistance(a, b, max)).toBeGreaterThan(max);
      }),
      { seed: FUZZ_SEED, numRuns: 2000 },
    );
  });
});
