import { LEGAL_PAGE_LABELS, LEGAL_PAGE_PATHS, type LegalPage, type Locale } from '@guichet/shared';

export interface RenderedEmail {
  kind: string;
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

export function formatDateTime(d: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(d);
}

/** Who reads an email, and where: its language, and the site its links lead to. */
export interface EmailSite {
  locale: Locale;
  /** PUBLIC_URL (no trailing slash): every link of an email is absolute. */
  publicUrl: string;
}

/** The pages every email's footer links to, in this order. */
const FOOTER_LEGAL_PAGES: readonly LegalPage[] = ['notice', 'privacy'];

/** The legal notice and the privacy notice, in the email's language, as absolute links. */
export function legalLinks(site: EmailSite): { label: string; url: string }[] {
  return FOOTER_LEGAL_PAGES.map((page) => ({
    label: LEGAL_PAGE_LABELS[page][site.locale],
    url: `${site.publicUrl}${LEGAL_PAGE_PATHS[page]}`,
  }));
}

/**
 * Paragraphs of plain text plus one call-to-action link, rendered as text and as simple HTML. The
 * footer ends with the links to the legal notice and the privacy notice, in the email's language.
 */
export function layoutEmail(
  kind: string,
  subject: string,
  paragraphs: string[],
  action: { label: string; url: string },
  footer: string,
  site: EmailSite,
): RenderedEmail {
  const legal = legalLinks(site);
  const colon = site.locale === 'fr' ? ' :' : ':';
  const text = [
    ...paragraphs,
    `${action.label} : ${action.url}`,
    '',
    footer,
    legal.map((l) => `${l.label}${colon} ${l.url}`).join('\n'),
  ].join('\n\n');
  const html = `<!doctype html><html lang="${site.locale}"><body style="font-family:Arial,sans-serif;color:#1f2937;line-height:1.5">
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
<p><a href="${escapeHtml(action.url)}" style="background:#1d4ed8;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(action.label)}</a></p>
<p style="font-size:13px;color:#4b5563">${escapeHtml(action.url)}</p>
<hr><p style="font-size:12px;color:#4b5563">${escapeHtml(footer)}</p>
<p style="font-size:12px;color:#4b5563">${legal
    .map((l) => `<a href="${escapeHtml(l.url)}" style="color:#4b5563">${escapeHtml(l.label)}</a>`)
    .join(' · ')}</p></body></html>`;
  return { kind, subject, text, html };
}

export function passwordResetEmail(
  locale: Locale,
  params: { firstName: string; url: string; expiresAt: Date; publicUrl: string },
): RenderedEmail {
  const expires = formatDateTime(params.expiresAt, locale);
  if (locale === 'en') {
    return layoutEmail(
      'password_reset',
      'Reset your Guichet password',
      [
        `Hello ${params.firstName},`,
        'Someone (hopefully you) asked to reset the password of your Guichet account.',
        `This link works once, until ${expires} (Paris time). After that, ask for a new one from the sign-in page.`,
        'If you did not ask for it, ignore this email: your password stays the same.',
      ],
      { label: 'Choose a new password', url: params.url },
      'Guichet — your business address client space.',
      { locale, publicUrl: params.publicUrl },
    );
  }
  return layoutEmail(
    'password_reset',
    'Réinitialisez votre mot de passe Guichet',
    [
      `Bonjour ${params.firstName},`,
      'Une demande de réinitialisation du mot de passe de votre compte Guichet a été faite.',
      `Ce lien ne sert qu’une fois et reste valable jusqu’au ${expires} (heure de Paris). Passé ce délai, demandez-en un nouveau depuis la page de connexion.`,
      'Si vous n’êtes pas à l’origine de cette demande, ignorez cet e-mail : votre mot de passe reste inchangé.',
    ],
    { label: 'Choisir un nouveau mot de passe', url: params.url },
    'Guichet — l’espace client de votre domiciliation.',
    { locale, publicUrl: params.publicUrl },
  );
}

/** Sent once per lock, when repeated sign-in failures lock an account. */
export function accountLockedEmail(
  locale: Locale,
  params: { firstName: string; lockedUntil: Date; url: string; publicUrl: string },
): RenderedEmail {
  const until = formatDateTime(params.lockedUntil, locale);
  if (locale === 'en') {
    return layoutEmail(
      'account_locked',
      'Your Guichet account is temporarily locked',
      [
        `Hello ${params.firstName},`,
        `After several failed sign-in attempts, signing in to your Guichet account is locked until ${until} (Paris time).`,
        'If it was you, wait until then, or choose a new password now: that unlocks your account at once.',
        'If it was not you, someone may be trying to guess your password: choose a new one, long, and used nowhere else.',
      ],
      { label: 'Choose a new password', url: params.url },
      'Guichet — your business address client space.',
      { locale, publicUrl: params.publicUrl },
    );
  }
  return layoutEmail(
    'account_locked',
    'Votre compte Guichet est temporairement verrouillé',
    [
      `Bonjour ${params.firstName},`,
      `Après plusieurs tentatives de connexion échouées, la connexion à votre compte Guichet est bloquée jusqu’au ${until} (heure de Paris).`,
      'Si c’était vous, patientez jusque-là, ou choisissez dès maintenant un nouveau mot de passe : votre compte sera débloqué aussitôt.',
      'Si ce n’était pas vous, quelqu’un essaie peut-être de deviner votre mot de passe : choisissez-en un nouveau, long, que vous n’utilisez nulle part ailleurs.',
    ],
    { label: 'Choisir un nouveau mot de passe', url: params.url },
    'Guichet — l’espace client de votre domiciliation.',
    { locale, publicUrl: params.publicUrl },
  );
}
