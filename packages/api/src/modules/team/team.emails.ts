import { scopesLabel, type Locale, type Scope } from '@guichet/shared';
import { layoutEmail, formatDateTime, type RenderedEmail } from '../mailer/templates';

export interface InvitationEmailParams {
  companyName: string;
  inviterName: string;
  firstName: string;
  scopes: readonly Scope[];
  url: string;
  expiresAt: Date;
  accountExists: boolean;
  forgotPasswordUrl: string;
  /** PUBLIC_URL: the footer links to the legal pages there. */
  publicUrl: string;
}

/** The invitation, its resend and its reminder share one text; `kind` changes the opening. */
export function invitationEmail(locale: Locale, kind: 'invitation' | 'invitation_reminder', p: InvitationEmailParams): RenderedEmail {
  const role = scopesLabel(p.scopes, locale);
  const expires = formatDateTime(p.expiresAt, locale);
  if (locale === 'en') {
    return layoutEmail(
      kind,
      kind === 'invitation_reminder'
        ? `Reminder: your invitation to ${p.companyName} on Guichet expires soon`
        : `${p.inviterName} invites you to ${p.companyName} on Guichet`,
      [
        `Hello ${p.firstName},`,
        `${p.inviterName} invites you to join ${p.companyName}'s client space on Guichet, with the access level “${role}”.`,
        p.accountExists
          ? 'You already have a Guichet account with this address: sign in, then accept the invitation from the link below.'
          : 'Open the link below to choose your password and access the space.',
        `The link works once and until ${expires} (Paris time).`,
        p.accountExists
          ? `If the link has expired, ask ${p.companyName}'s administrators for a new one from the page it opens. If you forgot your password: ${p.forgotPasswordUrl}`
          : `If the link has expired, the page it opens lets you ask ${p.companyName}'s administrators for a new one.`,
      ],
      { label: 'Accept the invitation', url: p.url },
      'You received this email because an administrator of this company entered your address. If you were not expecting it, ignore it.',
      { locale, publicUrl: p.publicUrl },
    );
  }
  return layoutEmail(
    kind,
    kind === 'invitation_reminder'
      ? `Rappel : votre invitation à rejoindre ${p.companyName} sur Guichet expire bientôt`
      : `${p.inviterName} vous invite à rejoindre ${p.companyName} sur Guichet`,
    [
      `Bonjour ${p.firstName},`,
      `${p.inviterName} vous invite à rejoindre l’espace client de ${p.companyName} sur Guichet, avec l’accès « ${role} ».`,
      p.accountExists
        ? 'Vous avez déjà un compte Guichet avec cette adresse : connectez-vous, puis acceptez l’invitation depuis le lien ci-dessous.'
        : 'Ouvrez le lien ci-dessous pour choisir votre mot de passe et accéder à l’espace.',
      `Ce lien ne sert qu’une fois et reste valable jusqu’au ${expires} (heure de Paris).`,
      p.accountExists
        ? `Si le lien a expiré, demandez-en un nouveau aux administrateurs de ${p.companyName} depuis la page qu’il ouvre. Mot de passe oublié : ${p.forgotPasswordUrl}`
        : `Si le lien a expiré, la page qu’il ouvre vous permet d’en demander un nouveau aux administrateurs de ${p.companyName}.`,
    ],
    { label: 'Accepter l’invitation', url: p.url },
    'Vous recevez cet e-mail parce qu’un administrateur de cette entreprise a saisi votre adresse. Si vous ne l’attendiez pas, ignorez-le.',
    { locale, publicUrl: p.publicUrl },
  );
}

/** To the administrators: someone asks for a new invitation link, or to join the company. */
export function adminNoticeEmail(
  locale: Locale,
  kind: 'new_link_requested' | 'access_requested',
  p: { companyName: string; personName: string; email: string; message?: string | null; url: string; publicUrl: string },
): RenderedEmail {
  if (locale === 'en') {
    const subject =
      kind === 'new_link_requested'
        ? `${p.personName} asks for a new invitation link to ${p.companyName}`
        : `${p.personName} asks to join ${p.companyName} on Guichet`;
    const lines =
      kind === 'new_link_requested'
        ? [
            `${p.personName} (${p.email}) opened an invitation link to ${p.companyName} that has expired or was withdrawn, and asks for a new one.`,
            'You can resend the invitation from the Team page.',
          ]
        : [
            `${p.personName} (${p.email}) asks to join ${p.companyName}'s client space.`,
            ...(p.message ? [`Their message: “${p.message}”`] : []),
            'You can approve (choosing the access level) or reject the request from the Team page. Approval cannot be undone.',
          ];
    return layoutEmail(
      kind,
      subject,
      ['Hello,', ...lines],
      { label: 'Open the Team page', url: p.url },
      'Guichet — your business address client space.',
      { locale, publicUrl: p.publicUrl },
    );
  }
  const subject =
    kind === 'new_link_requested'
      ? `${p.personName} demande un nouveau lien d’invitation pour ${p.companyName}`
      : `${p.personName} demande à rejoindre ${p.companyName} sur Guichet`;
  const lines =
    kind === 'new_link_requested'
      ? [
          `${p.personName} (${p.email}) a ouvert un lien d’invitation pour ${p.companyName} qui a expiré ou a été annulé, et en demande un nouveau.`,
          'Vous pouvez renvoyer l’invitation depuis la page Mon équipe.',
        ]
      : [
          `${p.personName} (${p.email}) demande à rejoindre l’espace client de ${p.companyName}.`,
          ...(p.message ? [`Son message : « ${p.message} »`] : []),
          'Vous pouvez approuver la demande (en choisissant l’accès) ou la refuser depuis la page Mon équipe. Une approbation est définitive.',
        ];
  return layoutEmail(
    kind,
    subject,
    ['Bonjour,', ...lines],
    { label: 'Ouvrir Mon équipe', url: p.url },
    'Guichet — l’espace client de votre domiciliation.',
    { locale, publicUrl: p.publicUrl },
  );
}
