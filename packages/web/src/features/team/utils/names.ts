import { nameComparisonKey } from '@guichet/shared';

/**
 * Names from what people paste: `Léa Moreau <lea.moreau@exemple.fr>`, `MOREAU Léa`, `Moreau, Léa`,
 * or only `lea.moreau@exemple.fr` (then the names are guessed from `prenom.nom@`).
 */

export interface GuessedName {
  firstName: string;
  lastName: string;
}

/**
 * Accents, case, hyphens, apostrophes, compatibility forms and Cyrillic/Greek look-alike letters
 * ignored: for comparing names, never for showing them (the API compares with the same rule).
 */
export function foldName(value: string): string {
  return nameComparisonKey(value);
}

/** `jean-pierre` → `Jean-Pierre`, `o'neil` → `O'Neil`. */
export function capitalizeName(value: string): string {
  return value
    .toLowerCase()
    .replace(/(^|[\s'’-])(\p{L})/gu, (_match, separator: string, letter: string) => separator + letter.toUpperCase());
}

/**
 * `prenom.nom@…` (or `prenom_nom@`) gives both names; anything else (`jdupont@`, `contact@`) gives
 * none, rather than a wrong guess. A `+tag` and digits are ignored.
 */
export function guessNamesFromEmail(email: string): GuessedName | null {
  const at = email.lastIndexOf('@');
  if (at <= 0) return null;
  const local = email.slice(0, at).split('+')[0]?.replace(/\d+/g, '') ?? '';
  const parts = local.split(/[._]/).filter(Boolean);
  if (parts.length !== 2) return null;
  const [first = '', last = ''] = parts;
  if (!/^[a-z]+(-[a-z]+)*$/i.test(first) || !/^[a-z]+(-[a-z]+)*$/i.test(last) || first.length < 2 || last.length < 2) return null;
  return { firstName: capitalizeName(first), lastName: capitalizeName(last) };
}

const isUpperWord = (word: string) => /\p{L}{2,}/u.test(word) && word === word.toUpperCase() && word !== word.toLowerCase();

/**
 * Splits a display name into first and last names. Clues, in order: `Nom, Prénom`; a word in
 * capitals is the last name (`MOREAU Léa`); the address (`lea.moreau@`, `lmoreau@`) says which
 * word is which; otherwise the first word is the first name, as mail programs show it.
 */
export function splitDisplayName(display: string, email: string): GuessedName | null {
  const text = display.replace(/["“”]/g, '').replace(/\s+/g, ' ').trim();
  if (!text || text.includes('@')) return null;
  if (text.includes(',')) {
    const [last = '', first = ''] = text.split(',').map((part) => part.trim());
    if (first && last) return { firstName: first, lastName: capitalizeIfShouting(last) };
  }
  const words = text.split(' ');
  if (words.length === 1) return { firstName: words[0] ?? '', lastName: '' };
  const upper = words.filter(isUpperWord);
  if (upper.length > 0 && upper.length < words.length) {
    return { firstName: words.filter((word) => !isUpperWord(word)).join(' '), lastName: capitalizeName(upper.join(' ')) };
  }
  const local = foldName(email.slice(0, Math.max(0, email.lastIndexOf('@')))).replace(/ /g, '');
  if (local && words.length === 2) {
    const [a = '', b = ''] = words;
    const fa = foldName(a).replace(/ /g, '');
    const fb = foldName(b).replace(/ /g, '');
    // The address usually starts with the first name (`lea.moreau`) or ends with the last name (`lmoreau`).
    if (!local.startsWith(fa) && (local.startsWith(fb) || local.endsWith(fa))) return { firstName: b, lastName: a };
  }
  return { firstName: words[0] ?? '', lastName: words.slice(1).join(' ') };
}

function capitalizeIfShouting(value: string): string {
  return value === value.toUpperCase() ? capitalizeName(value) : value;
}
