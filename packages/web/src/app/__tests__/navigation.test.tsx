import { PERMISSION_MATRIX, ROLE_LABELS, ROLE_SCOPES, ROLES, type Permission, type Scope } from '@guichet/shared';
import { screen, within } from '@testing-library/react';
import { COMPANY_PAGES, type CompanyPage } from '@/config/paths';
import { fr } from '@/locales/fr';
import { buildMembership, buildViewer } from '@/testing/fixtures';
import { findPageTitle, renderApp } from '@/testing/test-utils';

/**
 * The expected navigation is computed from the shared matrix itself (ADMIN implies every scope,
 * otherwise one of the member's scopes must be listed for the permission), independently of the
 * `can()` the SPA calls, so a drift between the two shows up here.
 */
function grantedByMatrix(scopes: readonly Scope[], permission: Permission): boolean {
  return scopes.includes('ADMIN') || PERMISSION_MATRIX[permission].some((scope) => scopes.includes(scope));
}

/** A page opens when one of the permissions it lists is granted. */
function opensPage(scopes: readonly Scope[], page: CompanyPage): boolean {
  return page.anyOf.some((permission) => grantedByMatrix(scopes, permission));
}

const cases: Array<{ name: string; scopes: readonly Scope[] }> = [
  ...ROLES.map((role) => ({ name: `${role} (${ROLE_LABELS[role].fr})`, scopes: ROLE_SCOPES[role] })),
  { name: 'COURRIER + FACTURATION', scopes: ['COURRIER', 'FACTURATION'] },
  { name: 'COURRIER + FORMALITE', scopes: ['COURRIER', 'FORMALITE'] },
];

describe('main navigation', () => {
  it.each(cases)('shows exactly the sections the matrix grants to $name', async ({ scopes }) => {
    const membership = buildMembership(scopes, { id: 'acme', name: 'ACME SAS' });
    const expected = COMPANY_PAGES.filter((page) => opensPage(scopes, page));
    expect(expected.length).toBeGreaterThan(0); // every role opens at least one section
    const first = expected[0]!;

    const { router } = renderApp(`/c/acme/${first.key}`, {
      viewer: buildViewer({ memberships: [membership] }),
    });
    await findPageTitle();

    const nav = screen.getByRole('navigation', { name: fr.shell.mainNav });
    const links = within(nav).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual(expected.map((page) => fr.nav[page.key]));
    expect(links.map((link) => link.getAttribute('href'))).toEqual(expected.map((page) => `/c/acme/${page.key}`));
    // The entry of the page being shown is the current one, and only that one.
    const current = links.filter((link) => link.getAttribute('aria-current') === 'page');
    expect(current.map((link) => link.textContent)).toEqual([fr.nav[first.key]]);
    expect(router.state.location.pathname).toBe(`/c/acme/${first.key}`);
  });

  it('gives administrators every section and each single non-admin role fewer', async () => {
    const adminPages = COMPANY_PAGES.filter((page) => opensPage(['ADMIN'], page));
    expect(adminPages).toHaveLength(COMPANY_PAGES.length);
    for (const role of ROLES) {
      if (ROLE_SCOPES[role].includes('ADMIN')) continue;
      const pages = COMPANY_PAGES.filter((page) => opensPage(ROLE_SCOPES[role], page));
      expect(pages.length).toBeLessThan(COMPANY_PAGES.length);
    }
  });

  it('adds the operator entry for staff and hides the company switcher with one company', async () => {
    renderApp('/c/acme/mail', {
      viewer: buildViewer({
        isStaff: true,
        memberships: [buildMembership(['COURRIER'], { id: 'acme', name: 'ACME SAS' })],
      }),
    });
    await findPageTitle();
    const nav = screen.getByRole('navigation', { name: fr.shell.mainNav });
    expect(within(nav).getByRole('link', { name: fr.nav.operator })).toHaveAttribute('href', '/operator');
    expect(screen.queryByRole('button', { name: new RegExp(fr.shell.switchCompany) })).toBeNull();
    expect(screen.getByText('ACME SAS')).toBeInTheDocument();
  });
});
