/**
 * The day a sentence names, read by the grammar's own rules (read-date.ts): chrono finds where
 * a date is in the sentence, and {@link readDate} decides what it means, so that "Friday" in a
 * report is the Friday just past and in a promise the one to come, exactly as typed commands
 * read it. French and Spanish day words are put in English first (chrono is loaded with its
 * English parsers only). A period ("last week", "in February") or a word such as "recently"
 * names no day: the reader asks, never picks one.
 */
import * as chrono from 'chrono-node/en';
import { boundedEditDistance } from './edit-distance.ts';
import { type DateReading, type DateSlot, readDate } from './read-date.ts';

/** What the sentence says about the day: a reading of a typed date, or nothing named. */
export type SentenceDate = { typed: string; reading: DateReading } | undefined;

const WEEKDAYS_EN = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS_FR = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];
const WEEKDAYS_ES = ['lunes', 'martes', 'miercoles', 'jueves', 'viernes', 'sabado', 'domingo'];
const MONTHS_FR = ['janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre'];
const MONTHS_ES = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];

/** Phrases put in English before chrono reads the sentence (matched without accents, in lower case). */
const PHRASES: [RegExp, string][] = [
  // "Sat down with" is no Saturday.
  [/\bsat down\b/g, 'met'],
  [
    /\b(?:this|the) (?:morning|afternoon|evening)\b|\bearlier today\b|\btonight\b|\bce (?:matin|soir)\b|\bcet apres midi\b|\besta (?:manana|tarde)\b|\btdy\b/g,
    'today',
  ],
  [/\bthe day before yesterday\b|\bavant hier\b|\bantes de ayer\b|\banteayer\b/g, '2 days ago'],
  [/\baujourd ?hui\b|\bhoy\b/g, 'today'],
  [/\bhier\b|\bayer\b|\byday\b|\byest\b/g, 'yesterday'],
  [/\bdemain\b|\bmanana\b|\btmrw\b/g, 'tomorrow'],
  [/\bla semaine (?:derniere|passee)\b|\bla semana pasada\b/g, 'last week'],
  [/\bd ici la fin du mois\b|\bantes de fin de mes\b|\bpara fin de mes\b/g, 'by end of the month'],
  [/\bd ici\b|\bantes del?\b|\bavant\b|\bhasta el\b/g, 'by'],
  [/\b(\d{1,2}) de (\w+)\b/g, '$1 $2'],
];

/** The words in `text` that show the sentence names a time and no day: ask which day. */
const VAGUE = /\b(?:recently|the other day|earlier this (?:week|month|year)|(?:last|past|this) (?:week|month)|recemment|recientemente)\b/;

/** English words a typo may stand for ("yesteday", "mornign", "Munday"). */
const DAY_WORDS = ['today', 'yesterday', 'tomorrow', 'morning', 'afternoon', ...WEEKDAYS_EN];

/** The sentence in lower case without accents, its French, Spanish and mistyped day words in English. */
export function inEnglishDays(sentence: string): string {
  let text = sentence
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/[a-z]+/g, (word) => nearDayWord(word) ?? word);
  for (const [pattern, english] of PHRASES) text = text.replace(pattern, english);
  const words = (names: string[], english: string[]) => names.map((name, i) => [name, english[i]!] as const);
  for (const [name, english] of [...words(WEEKDAYS_FR, WEEKDAYS_EN), ...words(WEEKDAYS_ES, WEEKDAYS_EN)]) {
    text = text.replace(new RegExp(`\\b(?:le|el) ${name}\\b`, 'g'), `on ${english}`).replace(new RegExp(`\\b${name}\\b`, 'g'), english);
  }
  for (const [name, english] of [...words(MONTHS_FR, MONTHS_EN), ...words(MONTHS_ES, MONTHS_EN)])
    text = text.replace(new RegExp(`\\b${name}\\b`, 'g'), english);
  return text;
}

function nearDayWord(word: string): string | undefined {
  if (word.length < 5 || DAY_WORDS.includes(word) || !/^[a-z]+$/.test(word)) return undefined;
  const allowed = word.length >= 7 ? 2 : 1;
  return DAY_WORDS.find((name) => boundedEditDistance(word, name, allowed) <= allowed);
}

/**
 * The day `english` (from {@link inEnglishDays}) names for a slot: the first date chrono finds
 * that is not a deadline's in a report ("by Friday" is no meeting day) or that is one in a
 * promise, read by the grammar's rules. A vague time is returned as a problem to ask about.
 */
export function dateInSentence(english: string, today: string, slot: DateSlot): SentenceDate {
  const vague = VAGUE.exec(english);
  if (vague) return { typed: vague[0], reading: readDate(vague[0], today, slot) };
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const found = chrono.casual.parse(english, new Date(year, month - 1, day, 12));
  for (const result of found) {
    const before = english.slice(0, result.index).trimEnd();
    const deadline = /\b(?:by|before|until|within|due)$/.test(before) || /^in /.test(result.text);
    if ((slot === 'future') !== deadline && !(slot === 'future' && /^(?:tomorrow|next )/.test(result.text))) continue;
    const typed = result.text.replace(/^(?:on|the) /, '').replace(/^(\d+)(?:st|nd|rd|th)? of /, '$1 ');
    if (/^(?:now|noon|midnight|\d{1,2}(?:[:.]\d\d)?(?: ?[ap]m)?)$/.test(typed)) continue;
    return { typed, reading: readDate(typed, today, slot) };
  }
  return undefined;
}
