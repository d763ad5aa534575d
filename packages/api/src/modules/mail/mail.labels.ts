import type { Locale } from '@guichet/shared';
import type { MailStatus, MailType } from './mail-item.entity';

/** Labels used in emails and in the export manifest (the SPA has its own copy of the UI texts). */
export const MAIL_TYPE_LABELS: Readonly<Record<MailType, Record<Locale, string>>> = {
  LETTER: { fr: 'Lettre', en: 'Letter' },
  REGISTERED: { fr: 'Recommandé', en: 'Registered letter' },
  PARCEL: { fr: 'Colis', en: 'Parcel' },
  ADMINISTRATIVE: { fr: 'Courrier administratif', en: 'Administrative letter' },
  ADVERTISING: { fr: 'Publicité', en: 'Advertising' },
};

export const MAIL_STATUS_LABELS: Readonly<Record<MailStatus, Record<Locale, string>>> = {
  SCANNED: { fr: 'Numérisé', en: 'Scanned' },
  FORWARD_REQUESTED: { fr: 'Réexpédition demandée', en: 'Forwarding requested' },
  FORWARDED: { fr: 'Réexpédié', en: 'Forwarded' },
  ARCHIVED: { fr: 'Archivé', en: 'Archived' },
};

const PARIS_DAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/** YYYY-MM-DD of the instant in Paris time (the day the letter arrived at the domiciliation address). */
export function parisDay(d: Date): string {
  return PARIS_DAY.format(d);
}

/** ASCII slug: accents dropped, lower-case, dashes between words, at most 40 characters. */
export function slugify(value: string, fallback: string): string {
  const slug = value
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || fallback;
}

/** The last 8 hex digits of a UUID v7 (its random part: the first ones only encode the time). */
export const shortId = (id: string): string => id.replace(/-/g, '').slice(-8);

/** `YYYY-MM-DD_<sender-slug>_<id8>.pdf`: the name of a scan in downloads and in exports. */
export function mailFileName(item: { id: string; receivedAt: Date; sender: string }): string {
  return `${parisDay(item.receivedAt)}_${slugify(item.sender, 'courrier')}_${shortId(item.id)}.pdf`;
}

/** The same name with the sender as written (accents kept), for `filename*=UTF-8''…`. */
export function mailFileNameUnicode(item: { id: string; receivedAt: Date; sender: string }): string {
  const sender =
    item.sender
      .replace(/[\p{Cc}/\\:*?"<>|]+/gu, '-')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 80) || 'courrier';
  return `${parisDay(item.receivedAt)}_${sender}_${shortId(item.id)}.pdf`;
}
