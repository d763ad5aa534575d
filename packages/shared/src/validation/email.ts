import type { EmailErrorCode } from './codes';
import { foldForComparison, scriptsOf } from './text';

/** An internationalised (`xn--`) or look-alike domain: `domain` is how it reads once decoded. */
export interface EmailDomainWarning {
  code: 'EMAIL_DOMAIN_PUNYCODE' | 'EMAIL_DOMAIN_MIXED_SCRIPT';
  domain: string;
}

export type EmailValidation =
  | { ok: true; email: string; warning?: { code: 'EMAIL_DOMAIN_TYPO'; suggestion: string }; domainWarning?: EmailDomainWarning }
  | { ok: false; email: string; error: EmailErrorCode };

export interface EmailValidationOptions {
  /** Accept department mailboxes (contact@, compta@…), e.g. for a company's billing address. */
  allowGenericMailbox?: boolean;
}

export const EMAIL_MAX_LENGTH = 254;
export const EMAIL_LOCAL_PART_MAX_LENGTH = 64;
const DOMAIN_LABEL_MAX_LENGTH = 63;

/**
 * Local parts of department mailboxes, refused for personal accounts: a person is invited, not a
 * department. Compared after dropping any `+tag` and turning `.` and `_` into `-`, so
 * `No_Reply+x@` matches `no-reply`. Only ASCII forms are needed: accents are refused earlier.
 */
export const GENERIC_MAILBOXES: readonly string[] = [
  // general contact
  'contact',
  'contacts',
  'info',
  'infos',
  'information',
  'informations',
  'bonjour',
  'hello',
  'accueil',
  'reception',
  'standard',
  'office',
  'bureau',
  'mail',
  'courrier',
  'secretariat',
  // administration and management
  'admin',
  'administration',
  'administratif',
  'direction',
  'gestion',
  'team',
  'equipe',
  'maintenance',
  // accounting and billing
  'compta',
  'comptabilite',
  'comptable',
  'facturation',
  'facture',
  'factures',
  'billing',
  'invoice',
  'invoices',
  'accounting',
  'accounts',
  'finance',
  'paie',
  'tresorerie',
  // human resources and hiring
  'rh',
  'hr',
  'ressources-humaines',
  'jobs',
  'job',
  'emploi',
  'recrutement',
  'careers',
  'candidature',
  'candidatures',
  // automated senders
  'noreply',
  'no-reply',
  'donotreply',
  'do-not-reply',
  'ne-pas-repondre',
  'nepasrepondre',
  'notification',
  'notifications',
  'mailer-daemon',
  'bounce',
  'bounces',
  // infrastructure
  'postmaster',
  'webmaster',
  'hostmaster',
  'abuse',
  'security',
  'root',
  'sysadmin',
  'it',
  'informatique',
  'dev',
  'test',
  'tests',
  // customer service and sales
  'support',
  'help',
  'helpdesk',
  'assistance',
  'hotline',
  'sav',
  'service-client',
  'serviceclient',
  'service-clients',
  'clients',
  'client',
  'sales',
  'commercial',
  'ventes',
  'vente',
  'devis',
  'commandes',
  'orders',
  'achats',
  // legal and communication
  'juridique',
  'legal',
  'rgpd',
  'dpo',
  'privacy',
  'marketing',
  'communication',
  'presse',
  'press',
  'newsletter',
];

/** Webmail and ISP domains most used in France, checked for typos (most popular first). */
export const COMMON_EMAIL_DOMAINS: readonly string[] = [
  'gmail.com',
  'hotmail.fr',
  'hotmail.com',
  'outlook.fr',
  'outlook.com',
  'live.fr',
  'yahoo.fr',
  'yahoo.com',
  'orange.fr',
  'wanadoo.fr',
  'free.fr',
  'sfr.fr',
  'laposte.net',
  'icloud.com',
  'protonmail.com',
  'proton.me',
  'bbox.fr',
  'neuf.fr',
];

/** Real domains that sit within typo distance of a common one and must not be "corrected". */
const DISTINCT_REAL_DOMAINS: readonly string[] = ['mail.com', 'email.com', 'ymail.com', 'gmx.com'];

/** Domains that are known not to receive mail, mapped to what people meant. */
const KNOWN_WRONG_DOMAINS: Readonly<Record<string, string>> = { 'gmail.fr': 'gmail.com' };

/** Frequent slips on the TLDs of the common domains (each is one keystroke away). */
const TLD_TYPOS: Readonly<Record<string, readonly string[]>> = {
  com: ['con', 'cmo', 'ocm', 'cm', 'co', 'om', 'comm', 'coom', 'vom', 'xom', 'cim', 'cpm', 'clm', 'c0m'],
  fr: ['fe', 'frr', 'ff', 'rf', 'ft', 'fd', 'dr', 'gr', 'f', 'r', 'fre'],
  net: ['ner', 'nte', 'ent', 'nt', 'met', 'bet', 'nett', 'ne'],
  me: ['m', 'em', 'mr', 'mee'],
};

export function normaliseEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

const LOCAL_PART_CHARS = /^[a-z0-9._%+-]+$/;
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

function mailboxKey(localPart: string): string {
  const plus = localPart.indexOf('+');
  const base = plus === -1 ? localPart : localPart.slice(0, plus);
  return base.replace(/[._]/g, '-');
}

export function isGenericMailbox(email: string): boolean {
  const normalised = normaliseEmail(email);
  const at = normalised.lastIndexOf('@');
  const localPart = at === -1 ? normalised : normalised.slice(0, at);
  return GENERIC_MAILBOXES.includes(mailboxKey(localPart));
}

/**
 * Validates an email address for a personal account. Rules are checked in order and the first
 * one broken is reported, so the message can say exactly what is wrong. `email` is always the
 * normalised (trimmed, lower-cased) form.
 */
export function validateEmail(raw: string, options: EmailValidationOptions = {}): EmailValidation {
  const email = normaliseEmail(raw);
  const fail = (error: EmailErrorCode): EmailValidation => ({ ok: false, email, error });

  if (email === '') return fail('EMAIL_REQUIRED');
  if (email.length > EMAIL_MAX_LENGTH) return fail('EMAIL_TOO_LONG');
  if (/\s/.test(email)) return fail('EMAIL_HAS_SPACES');
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(email)) return fail('EMAIL_NON_ASCII');

  const parts = email.split('@');
  if (parts.length !== 2) return fail('EMAIL_MISSING_AT');
  const [localPart = '', domain = ''] = parts;

  if (localPart.length > EMAIL_LOCAL_PART_MAX_LENGTH) return fail('EMAIL_TOO_LONG');
  if (!LOCAL_PART_CHARS.test(localPart) || localPart.startsWith('.') || localPart.endsWith('.') || localPart.includes('..')) {
    return fail('EMAIL_INVALID_LOCAL_PART');
  }

  const labels = domain.split('.');
  if (labels.some((label) => label.length > DOMAIN_LABEL_MAX_LENGTH || !DOMAIN_LABEL.test(label))) {
    return fail('EMAIL_INVALID_DOMAIN');
  }
  const tld = labels[labels.length - 1] ?? '';
  if (labels.length < 2 || !TLD.test(tld)) return fail('EMAIL_MISSING_TLD');

  if (!options.allowGenericMailbox && GENERIC_MAILBOXES.includes(mailboxKey(localPart))) {
    return fail('EMAIL_GENERIC_MAILBOX');
  }

  const suggestion = suggestEmailDomain(email);
  const domainWarning = emailDomainWarning(domain);
  return {
    ok: true,
    email,
    ...(suggestion ? { warning: { code: 'EMAIL_DOMAIN_TYPO' as const, suggestion } } : {}),
    ...(domainWarning ? { domainWarning } : {}),
  };
}

/**
 * Domains stay ASCII (accents are refused), but an ASCII domain can still spell another script:
 * `xn--` labels are punycode. Such a domain gets a warning, never an error: `EMAIL_DOMAIN_MIXED_SCRIPT`
 * when a decoded label mixes scripts (Latin with Cyrillic or Greek…) or imitates Latin letters with
 * look-alikes (`аррle` in Cyrillic), `EMAIL_DOMAIN_PUNYCODE` for any other internationalised label.
 * `domain` is the decoded form, so the person sees what the address really says.
 */
export function emailDomainWarning(domain: string): EmailDomainWarning | null {
  const labels = domain.toLowerCase().split('.');
  if (!labels.some((label) => label.startsWith('xn--'))) return null;
  const decoded = labels.map((label) => (label.startsWith('xn--') ? (decodePunycode(label.slice(4)) ?? label) : label));
  const unicode = decoded.join('.');
  const lookAlike = decoded.some((label, i) => {
    if (!labels[i]?.startsWith('xn--')) return false;
    const scripts = scriptsOf(label);
    if (scripts.size > 1) return true;
    // A label wholly in Cyrillic or Greek whose letters all imitate Latin ones.
    return (scripts.has('Cyrillic') || scripts.has('Greek')) && /^[a-z0-9-]+$/.test(foldForComparison(label));
  });
  return { code: lookAlike ? 'EMAIL_DOMAIN_MIXED_SCRIPT' : 'EMAIL_DOMAIN_PUNYCODE', domain: unicode };
}

/** RFC 3492 decoding of one punycode label (without its `xn--`); null when it is not valid punycode. */
export function decodePunycode(input: string): string | null {
  const base = 36;
  const tMin = 1;
  const tMax = 26;
  const skew = 38;
  const damp = 700;
  const adapt = (delta: number, points: number, first: boolean): number => {
    let d = first ? Math.floor(delta / damp) : delta >> 1;
    d += Math.floor(d / points);
    let k = 0;
    while (d > ((base - tMin) * tMax) >> 1) {
      d = Math.floor(d / (base - tMin));
      k += base;
    }
    return k + Math.floor(((base - tMin + 1) * d) / (d + skew));
  };
  const digit = (c: number): number => (c >= 48 && c <= 57 ? c - 22 : c >= 65 && c <= 90 ? c - 65 : c >= 97 && c <= 122 ? c - 97 : base);
  const end = input.lastIndexOf('-');
  const output: number[] = [];
  for (let j = 0; j < Math.max(end, 0); j++) {
    const c = input.charCodeAt(j);
    if (c >= 0x80) return null;
    output.push(c);
  }
  let n = 128;
  let bias = 72;
  let i = 0;
  for (let index = end > 0 ? end + 1 : 0; index < input.length;) {
    const oldi = i;
    let w = 1;
    for (let k = base; ; k += base) {
      if (index >= input.length) return null;
      const d = digit(input.charCodeAt(index++));
      if (d >= base || d > Math.floor((0x7fffffff - i) / w)) return null;
      i += d * w;
      const t = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias;
      if (d < t) break;
      if (w > Math.floor(0x7fffffff / (base - t))) return null;
      w *= base - t;
    }
    const length = output.length + 1;
    bias = adapt(i - oldi, length, oldi === 0);
    if (Math.floor(i / length) > 0x10ffff - n) return null;
    n += Math.floor(i / length);
    i %= length;
    if (n > 0x10ffff) return null;
    output.splice(i++, 0, n);
  }
  return String.fromCodePoint(...output);
}

/**
 * If the domain looks like a slip on a common provider (`gmail.con`, `hotmial.fr`), returns the
 * whole corrected address; otherwise null (exact match, unrelated domain, or not an address).
 */
export function suggestEmailDomain(email: string): string | null {
  const normalised = normaliseEmail(email);
  const parts = normalised.split('@');
  if (parts.length !== 2) return null;
  const [localPart = '', domain = ''] = parts;
  if (localPart === '' || domain === '') return null;
  if (COMMON_EMAIL_DOMAINS.includes(domain) || DISTINCT_REAL_DOMAINS.includes(domain)) return null;

  const known = KNOWN_WRONG_DOMAINS[domain];
  if (known) return `${localPart}@${known}`;

  const { name, tld } = splitDomain(domain);
  let best: string | null = null;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of COMMON_EMAIL_DOMAINS) {
    const target = splitDomain(candidate);
    const tldCost = tld === target.tld ? 0 : (TLD_TYPOS[target.tld]?.includes(tld) ?? false) ? 1 : null;
    if (tldCost === null) continue;
    const nameCost = damerauLevenshtein(name, target.name);
    // Short provider names (sfr, free, live…) tolerate a single slip, longer ones two.
    const maxNameCost = target.name.length >= 5 ? 2 : 1;
    const score = nameCost + tldCost;
    if (nameCost > maxNameCost || score > 2 || score === 0) continue;
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best ? `${localPart}@${best}` : null;
}

function splitDomain(domain: string): { name: string; tld: string } {
  const dot = domain.lastIndexOf('.');
  return dot === -1 ? { name: domain, tld: '' } : { name: domain.slice(0, dot), tld: domain.slice(dot + 1) };
}

/** Optimal-string-alignment distance: insertions, deletions, substitutions, adjacent swaps. */
function damerauLevenshtein(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number): number => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, at(i - 2, j - 2) + 1);
      }
      d[i * cols + j] = value;
    }
  }
  return at(rows - 1, cols - 1);
}
