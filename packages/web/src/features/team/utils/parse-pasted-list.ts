import { guessNamesFromEmail, splitDisplayName } from './names';

export interface PastedEntry {
  /** As found (not yet validated: an invalid address still becomes a row, with its error). */
  email: string;
  firstName: string;
  lastName: string;
}

/** A fragment that reads like a person's name (it may sit before a comma: `Moreau, Léa <…>`). */
const NAME_ONLY = /^[\p{L}\p{M} '’"-]+$/u;

/**
 * Turns a pasted list into people: one per line, or separated by commas or semicolons; each may be
 * `adresse`, `Prénom Nom <adresse>`, `"Nom, Prénom" <adresse>` or `Nom Prénom adresse`. Entries
 * without any @ are kept too (they become rows that say what is wrong), empty ones are dropped.
 */
export function parsePastedList(text: string): PastedEntry[] {
  const entries: PastedEntry[] = [];
  for (const segment of text.split(/[\n\r;]+/)) {
    const pieces = splitOutsideBrackets(segment);
    let pending = '';
    for (const piece of pieces) {
      const trimmed = piece.trim();
      if (trimmed === '') continue;
      if (!trimmed.includes('@') && NAME_ONLY.test(trimmed)) {
        // `Moreau, Léa <lea@…>`: a name part before a comma belongs to the next address.
        pending = pending ? `${pending}, ${trimmed}` : trimmed;
        continue;
      }
      entries.push(entryOf(pending ? `${pending}, ${trimmed}` : trimmed));
      pending = '';
    }
    if (pending) entries.push(entryOf(pending));
  }
  return entries;
}

function splitOutsideBrackets(segment: string): string[] {
  const pieces: string[] = [];
  let current = '';
  let depth = 0;
  let quoted = false;
  for (const char of segment) {
    if (char === '"') quoted = !quoted;
    else if (char === '<') depth += 1;
    else if (char === '>') depth = Math.max(0, depth - 1);
    if (char === ',' && depth === 0 && !quoted) {
      pieces.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  pieces.push(current);
  return pieces;
}

function entryOf(raw: string): PastedEntry {
  const bracket = /<([^<>]*)>/.exec(raw);
  let email: string;
  let display: string;
  if (bracket) {
    email = (bracket[1] ?? '').trim();
    display = raw.replace(bracket[0], ' ');
  } else {
    const words = raw.split(/\s+/).filter(Boolean);
    const address = words.find((word) => word.includes('@'));
    if (address) {
      email = address;
      display = words.filter((word) => word !== address).join(' ');
    } else {
      // No address at all: keep the text as typed so the row can say what is wrong.
      return { email: raw.trim().replace(/^["']|["']$/g, ''), firstName: '', lastName: '' };
    }
  }
  email = email.replace(/^mailto:/i, '').replace(/^["'(]+|["').]+$/g, '');
  const names = splitDisplayName(display.replace(/^[,\s]+|[,\s]+$/g, ''), email.toLowerCase()) ?? guessNamesFromEmail(email);
  return { email, firstName: names?.firstName ?? '', lastName: names?.lastName ?? '' };
}
