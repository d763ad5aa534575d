import type { Permission } from '../permissions/permissions';
import { type Role, normaliseScopes, roleOf } from '../permissions/roles';
import type { ContactSubject, Scope } from '../permissions/scopes';

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'fr';

export function isLocale(x: unknown): x is Locale {
  return x === 'fr' || x === 'en';
}

export type Labels = Readonly<Record<Locale, string>>;

export const ROLE_LABELS: Readonly<Record<Role, Labels>> = {
  ADMINISTRATEUR: { fr: 'Administrateur', en: 'Administrator' },
  GESTION_COURRIER: { fr: 'Gestion de courrier', en: 'Mail management' },
  FACTURATION: { fr: 'Facturation', en: 'Billing' },
  GESTION_FORMALITE: { fr: 'Gestion de formalité', en: 'Formalities management' },
};

export const SCOPE_LABELS: Readonly<Record<Scope, Labels>> = {
  ADMIN: { fr: 'Administrateur', en: 'Administrator' },
  COURRIER: { fr: 'Courrier', en: 'Mail' },
  FACTURATION: { fr: 'Facturation', en: 'Billing' },
  FORMALITE: { fr: 'Formalités', en: 'Formalities' },
};

export const CONTACT_SUBJECT_LABELS: Readonly<Record<ContactSubject, Labels>> = {
  COURRIER: { fr: 'Courrier', en: 'Mail' },
  FACTURATION: { fr: 'Facturation', en: 'Billing' },
  FORMALITE: { fr: 'Formalités', en: 'Formalities' },
};

export const PERMISSION_LABELS: Readonly<Record<Permission, Labels>> = {
  'company:read': { fr: 'Voir les informations de l’entreprise', en: 'View company details' },
  'company:update': { fr: 'Modifier les informations de l’entreprise', en: 'Edit company details' },
  'team:read': { fr: 'Voir l’équipe', en: 'View the team' },
  'team:invite': { fr: 'Inviter des collaborateurs', en: 'Invite collaborators' },
  'team:manage': {
    fr: 'Gérer les accès de l’équipe (rôles, retraits, invitations, demandes d’accès)',
    en: 'Manage team access (roles, removals, invitations, access requests)',
  },
  'mail:read': { fr: 'Consulter les courriers', en: 'View mail' },
  'mail:download': { fr: 'Télécharger les courriers', en: 'Download mail' },
  'mail:export': { fr: 'Exporter les courriers', en: 'Export mail' },
  'mail:tag': { fr: 'Étiqueter les courriers', en: 'Tag mail' },
  'mail:forward': { fr: 'Demander la réexpédition de courriers', en: 'Request mail forwarding' },
  'invoice:read': { fr: 'Consulter les factures', en: 'View invoices' },
  'invoice:download': { fr: 'Télécharger les factures', en: 'Download invoices' },
  'formality:read': { fr: 'Suivre les formalités', en: 'Follow formalities' },
  'formality:respond': { fr: 'Répondre aux demandes d’informations', en: 'Answer information requests' },
  'formality:download': { fr: 'Télécharger les documents des formalités', en: 'Download formality documents' },
  'formality:sign': { fr: 'Signer les documents', en: 'Sign documents' },
  'apiToken:manage': { fr: 'Gérer les jetons d’API', en: 'Manage API tokens' },
  'activity:read': { fr: 'Consulter le journal d’activité', en: 'View the activity log' },
};

const NO_ACCESS_LABEL: Labels = { fr: 'Aucun accès', en: 'No access' };

/**
 * Label of a set of scopes: the role name for a preset ("Gestion de courrier"), the scope names
 * joined for a combination ("Courrier + Facturation"), "Aucun accès" / "No access" when empty.
 */
export function scopesLabel(scopes: readonly Scope[] | null | undefined, locale: Locale): string {
  if (!scopes || scopes.length === 0) return NO_ACCESS_LABEL[locale];
  const role = roleOf(scopes);
  if (role) return ROLE_LABELS[role][locale];
  return normaliseScopes(scopes)
    .map((scope) => SCOPE_LABELS[scope][locale])
    .join(' + ');
}
