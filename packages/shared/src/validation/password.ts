import type { PasswordErrorCode } from './codes';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordValidation = { ok: true } | { ok: false; error: PasswordErrorCode };

export interface PasswordContext {
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
}

/** Passwords long enough to pass the length rule yet found at the top of every leaked list. */
const COMMON_PASSWORDS: readonly string[] = [
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456123456',
  '000000000000',
  '111111111111',
  '123123123123',
  'azertyuiop12',
  'azertyuiop123',
  'azertyuiopqsdf',
  'azerty123456',
  'qwertyuiop12',
  'qwertyuiop123',
  'qwerty123456',
  'motdepasse12',
  'motdepasse123',
  'motdepasse1234',
  'motdepasse!!',
  'password1234',
  'password12345',
  'password123!',
  'passwordpassword',
  'p@ssw0rd1234',
  'iloveyou1234',
  'jetaime123456',
  'bonjour12345',
  'bonjour123456',
  'soleil123456',
  'marseille123',
  'marseille2024',
  'nicolas12345',
  'doudou123456',
  'chouchou1234',
  'loulou123456',
  'bienvenue123',
  'welcome12345',
  'welcome123456',
  'changeme1234',
  'administrateur',
  'administrator',
  'adminadmin123',
  'letmein12345',
  'football1234',
  'princess1234',
  'sunshine1234',
  'qazwsxedcrfv',
  '1q2w3e4r5t6y',
  'zaqwsxcderfv',
  'aqwzsxedcrfv',
  'abcdefghijkl',
  'abcd12345678',
];

/** Words that make a weak password once digits or symbols are added around them. */
const COMMON_WORDS: readonly string[] = [
  'password',
  'motdepasse',
  'motdepass',
  'azerty',
  'qwerty',
  'soleil',
  'bonjour',
  'bonsoir',
  'salut',
  'coucou',
  'doudou',
  'chouchou',
  'loulou',
  'jetaime',
  'iloveyou',
  'welcome',
  'bienvenue',
  'admin',
  'administrateur',
  'administrator',
  'changeme',
  'letmein',
  'secret',
  'sunshine',
  'football',
  'princess',
  'dragon',
  'monkey',
  'master',
  'login',
  'utilisateur',
  'marseille',
  'paris',
  'france',
  'nicolas',
  'guichet',
  'domiciliation',
  'entreprise',
];

/** Keyboard rows and alphabetic runs: any stretch of them is guessed immediately. */
const SEQUENCES: readonly string[] = [
  '0123456789012345678901234567890123456789',
  'abcdefghijklmnopqrstuvwxyz',
  'azertyuiopqsdfghjklmwxcvbn',
  'qwertyuiopasdfghjklzxcvbnm',
  'qwertzuiopasdfghjklyxcvbnm',
];

const LEET: Readonly<Record<string, string>> = {
  '@': 'a',
  $: 's',
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
};

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function isSequence(text: string): boolean {
  if (text.length < 3) return false;
  const reversed = [...text].reverse().join('');
  return SEQUENCES.some((sequence) => sequence.includes(text) || sequence.includes(reversed));
}

function isRepetition(text: string): boolean {
  return /^(.{1,4})\1+$/.test(text);
}

function isWeakCore(core: string): boolean {
  if (core === '') return false;
  if (COMMON_WORDS.includes(core) || isSequence(core)) return true;
  const repeated = /^(.+?)\1+$/.exec(core)?.[1];
  return repeated !== undefined && (COMMON_WORDS.includes(repeated) || isSequence(repeated));
}

function isTooCommon(password: string): boolean {
  const folded = fold(password);
  if (COMMON_PASSWORDS.includes(folded) || isRepetition(folded)) return true;
  const compact = folded.replace(/[^a-z0-9@$]/g, '');
  const alphanumeric = compact.replace(/[@$]/g, '');
  if (COMMON_PASSWORDS.includes(alphanumeric)) return true;
  if (isRepetition(alphanumeric) || isSequence(alphanumeric)) return true;
  // A common word or a keyboard run, possibly in leetspeak, with digits before or after it.
  const core = compact
    .replace(/^\d+|\d+$/g, '')
    .replace(/[@$0-9]/g, (c) => LEET[c] ?? c)
    .replace(/[^a-z]/g, '');
  return isWeakCore(core);
}

function identityFragments(context: PasswordContext): string[] {
  const fragments: string[] = [];
  const email = context.email ? fold(context.email.trim()) : '';
  const localPart = email.includes('@') ? (email.slice(0, email.lastIndexOf('@')).split('+')[0] ?? '') : '';
  fragments.push(localPart, localPart.replace(/[^a-z0-9]/g, ''), ...localPart.split(/[._-]+/));
  for (const name of [context.firstName, context.lastName]) {
    if (!name) continue;
    const folded = fold(name.trim());
    fragments.push(folded.replace(/[^\p{L}]/gu, ''), ...folded.split(/[^\p{L}]+/u));
  }
  return fragments.filter((fragment) => fragment.length >= 4);
}

/**
 * Password policy: 12 to 128 characters (counted as Unicode code points), not one of the
 * well-known weak passwords or patterns, and not containing the person's email local part or
 * name (4 characters or more, case- and accent-insensitive). Passwords are never trimmed.
 */
export function validatePassword(password: string, context: PasswordContext = {}): PasswordValidation {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return { ok: false, error: 'PASSWORD_TOO_SHORT' };
  if (length > PASSWORD_MAX_LENGTH) return { ok: false, error: 'PASSWORD_TOO_LONG' };
  if (isTooCommon(password)) return { ok: false, error: 'PASSWORD_TOO_COMMON' };
  const folded = fold(password);
  const squeezed = folded.replace(/[^\p{L}\p{N}]/gu, '');
  if (identityFragments(context).some((fragment) => folded.includes(fragment) || squeezed.includes(fragment))) {
    return { ok: false, error: 'PASSWORD_CONTAINS_IDENTITY' };
  }
  return { ok: true };
}
