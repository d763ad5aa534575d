import { LEGAL_PAGE_PATHS, type Permission } from '@guichet/shared';

/**
 * Every URL of the SPA, in one place. `path` is the router pattern (relative for child routes),
 * `getHref` builds a link. Company pages also say which permission opens them: navigation,
 * route guards and redirects all read it from here.
 */

const encode = encodeURIComponent;

/** A return-to URL is only followed when it is a path on this site (never `//evil.example`). */
export function safeRedirect(target: string | null | undefined): string | null {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) {
    return null;
  }
  return target;
}

export type LoginReason = 'expired';

export const paths = {
  home: { path: '/', getHref: () => '/' },
  auth: {
    login: {
      path: '/login',
      getHref: (redirectTo?: string | null, reason?: LoginReason) => {
        const params = new URLSearchParams();
        const next = safeRedirect(redirectTo);
        if (next && next !== '/') params.set('next', next);
        if (reason) params.set('reason', reason);
        const query = params.toString();
        return query ? `/login?${query}` : '/login';
      },
    },
    forgotPassword: { path: '/forgot-password', getHref: () => '/forgot-password' },
    resetPassword: {
      path: '/reset-password',
      getHref: (token: string) => `/reset-password?token=${encode(token)}`,
    },
  },
  /** The link of an invitation email (public). */
  invitation: {
    path: '/invitation',
    getHref: (token: string) => `/invitation?token=${encode(token)}`,
  },
  /** The public "ask to join a company" form. */
  requestAccess: { path: '/request-access', getHref: () => '/request-access' },
  /**
   * The legal pages (public, signed in or not; linked from every page's footer and every email): the
   * same paths in every language, shared with the API's emails.
   */
  legal: {
    notice: { path: LEGAL_PAGE_PATHS.notice, getHref: () => LEGAL_PAGE_PATHS.notice },
    terms: { path: LEGAL_PAGE_PATHS.terms, getHref: () => LEGAL_PAGE_PATHS.terms },
    privacy: { path: LEGAL_PAGE_PATHS.privacy, getHref: () => LEGAL_PAGE_PATHS.privacy },
  },
  /** Development only: the emails the product would have sent. */
  devMailbox: {
    path: '/dev/mailbox',
    getHref: (to?: string | null) => (to ? `/dev/mailbox?to=${encode(to)}` : '/dev/mailbox'),
  },
  company: {
    path: '/c/:companyId',
    getHref: (companyId: string) => `/c/${encode(companyId)}`,
  },
  /** The operator (staff) space; its pages are children of `/operator`. */
  operator: {
    path: '/operator',
    getHref: () => '/operator',
    companies: { path: 'companies', getHref: () => '/operator/companies' },
    newCompany: { path: 'companies/new', getHref: () => '/operator/companies/new' },
    upload: { path: 'mail', getHref: () => '/operator/mail' },
    forwarding: { path: 'forwarding', getHref: () => '/operator/forwarding' },
    /** Billing: the invoicing run; `…/<companyId>` a company's billing, `…/<companyId>/new` a one-off invoice. */
    billing: {
      path: 'billing/*',
      getHref: (companyId?: string, page?: 'new') =>
        `/operator/billing${companyId ? `/${encode(companyId)}` : ''}${companyId && page ? `/${page}` : ''}`,
    },
    /** Formalities: `…/<companyId>` a company's formalities, `…/<companyId>/<formalityId>` one of them. */
    formalities: {
      path: 'formalities/*',
      getHref: (companyId?: string, formalityId?: string) =>
        `/operator/formalities${companyId ? `/${encode(companyId)}` : ''}${companyId && formalityId ? `/${encode(formalityId)}` : ''}`,
    },
  },
} as const;

export const COMPANY_PAGE_KEYS = ['mail', 'invoices', 'services', 'team', 'settings'] as const;
export type CompanyPageKey = (typeof COMPANY_PAGE_KEYS)[number];

export interface CompanyPage {
  key: CompanyPageKey;
  /** Route pattern under `/c/:companyId/` (the key, with an optional segment for Factures). */
  path: string;
  /** The permission the page is about: a no-access page names the roles that grant it. */
  permission: Permission;
  /**
   * What opens the page: `can()` must allow one of these for it to appear in the navigation and
   * to open (`permission` first, then any other that gives the page something to show).
   */
  anyOf: readonly Permission[];
  getHref: (companyId: string) => string;
}

const companyPage = (key: CompanyPageKey, permission: Permission, ...alsoOpenedBy: Permission[]): CompanyPage => ({
  key,
  path: key,
  permission,
  anyOf: [permission, ...alsoOpenedBy],
  getHref: (companyId) => `${paths.company.getHref(companyId)}/${key}`,
});

/** The company pages in navigation order; the first one allowed is where a member lands. */
export const COMPANY_PAGES: readonly CompanyPage[] = [
  companyPage('mail', 'mail:read'),
  // `invoices/<id>` (the link of the notification email) opens the page with that invoice's preview.
  { ...companyPage('invoices', 'invoice:read'), path: 'invoices/:invoiceId?' },
  // `services/<id>` opens one formality (the link of the notification emails).
  { ...companyPage('services', 'formality:read'), path: 'services/:formalityId?' },
  companyPage('team', 'team:read'),
  // Accès API (apiToken:manage) today; the company's details (company:update) later.
  companyPage('settings', 'apiToken:manage', 'company:update'),
];

export function getCompanyPage(key: CompanyPageKey): CompanyPage {
  const page = COMPANY_PAGES.find((candidate) => candidate.key === key);
  if (!page) throw new Error(`Unknown company page: ${key}`);
  return page;
}
