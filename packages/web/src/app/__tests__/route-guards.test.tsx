import { can, ROLE_LABELS, ROLE_SCOPES, ROLES, type Scope } from '@guichet/shared';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { COMPANY_PAGES } from '@/config/paths';
import { fr } from '@/locales/fr';
import { buildMembership, buildViewer } from '@/testing/fixtures';
import { findPageTitle, normalized, renderApp, waitForPath } from '@/testing/test-utils';

const forbiddenCases = ROLES.flatMap((role) =>
  COMPANY_PAGES.filter((page) => !page.anyOf.some((permission) => can(ROLE_SCOPES[role], permission))).map((page) => ({
    role,
    page,
  })),
);

describe('route guards', () => {
  it.each(forbiddenCases)('shows the no-access page to $role on $page.key', async ({ role, page }) => {
    const viewer = buildViewer({
      memberships: [buildMembership(ROLE_SCOPES[role], { id: 'acme', name: 'ACME SAS' })],
    });
    renderApp(`/c/acme/${page.key}`, { viewer });

    expect(await findPageTitle()).toHaveTextContent(fr.errors.noAccess.title);
    const main = screen.getByRole('main');
    // Says which section, which role opens it, and who can grant it.
    expect(main).toHaveTextContent(fr.nav[page.key]);
    const granting = ROLES.filter((candidate) => can(ROLE_SCOPES[candidate], page.permission));
    for (const candidate of granting) expect(main).toHaveTextContent(ROLE_LABELS[candidate].fr);
    expect(main).toHaveTextContent('administrateur de ACME SAS');
    // The placeholder of the page itself is not rendered.
    expect(main).not.toHaveTextContent(fr.pages[page.key].body);
  });

  it('renders an allowed page with its title', async () => {
    const viewer = buildViewer({
      memberships: [buildMembership(['FACTURATION'], { id: 'acme', name: 'ACME SAS' })],
    });
    renderApp('/c/acme/invoices', { viewer });
    expect(await findPageTitle()).toHaveTextContent(fr.pages.invoices.title);
    expect(screen.getByRole('main')).toHaveTextContent(fr.pages.invoices.body);
  });

  it('treats a company that is not among the memberships as no access', async () => {
    const viewer = buildViewer({ memberships: [buildMembership(['ADMIN'], { id: 'acme' })] });
    renderApp('/c/someone-else/mail', { viewer });
    expect(await findPageTitle()).toHaveTextContent(fr.errors.noAccess.title);
    expect(screen.getByRole('main')).toHaveTextContent(fr.errors.noAccess.company);
    expect(screen.queryByRole('navigation', { name: fr.shell.mainNav })).toBeNull();
  });

  it('tells a suspended member that their access is suspended and who can restore it', async () => {
    const viewer = buildViewer({
      memberships: [],
      suspendedMemberships: [{ __typename: 'ViewerSuspension', id: 'membership-acme', companyId: 'acme', companyName: 'ACME SAS' }],
    });
    renderApp('/c/acme/mail', { viewer });
    expect(await findPageTitle()).toHaveTextContent(fr.errors.noAccess.title);
    const main = screen.getByRole('main');
    expect(main).toHaveTextContent(normalized(fr.errors.noAccess.suspended.replace('{{company}}', 'ACME SAS')));
    expect(main).toHaveTextContent(normalized(fr.errors.noAccess.suspendedHint.replace('{{company}}', 'ACME SAS')));
    expect(main).not.toHaveTextContent(normalized(fr.errors.noAccess.company));
    expect(main).not.toHaveTextContent(normalized(fr.errors.noAccess.companyHint));
  });

  it('tells staff that a client space is for its members, and where their own tools are', async () => {
    renderApp('/c/acme/mail', { viewer: buildViewer({ isStaff: true, memberships: [] }) });
    expect(await findPageTitle()).toHaveTextContent(fr.errors.noAccess.title);
    const main = screen.getByRole('main');
    expect(main).toHaveTextContent(normalized(fr.errors.noAccess.staffOnCompany));
    expect(main).not.toHaveTextContent(normalized(fr.errors.noAccess.companyHint));
    expect(within(main).getByRole('link', { name: fr.errors.noAccess.operatorCompanies })).toHaveAttribute('href', '/operator/companies');
  });

  it('sends an anonymous visitor to the login page with a way back', async () => {
    const { router } = renderApp('/c/acme/mail?page=2', { viewer: null });
    await waitForPath(router, '/login');
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/c/acme/mail?page=2')}`);
    expect(await findPageTitle()).toHaveTextContent(fr.auth.login.title);
  });

  it.each<{ scopes: Scope[]; landing: string }>([
    { scopes: ['ADMIN'], landing: 'mail' },
    { scopes: ['FACTURATION'], landing: 'invoices' },
    { scopes: ['FORMALITE'], landing: 'services' },
  ])('sends $scopes from / to the first section they may open', async ({ scopes, landing }) => {
    const viewer = buildViewer({
      memberships: [buildMembership(scopes, { id: 'first' }), buildMembership(['COURRIER'], { id: 'second' })],
    });
    const { router } = renderApp('/', { viewer });
    await waitForPath(router, `/c/first/${landing}`);
  });

  it('welcomes a member without any company with an empty state', async () => {
    renderApp('/', { viewer: buildViewer({ memberships: [] }) });
    expect(await findPageTitle()).toHaveTextContent(fr.home.noCompany.title);
  });

  it('sends staff without a company to the operator space', async () => {
    const { router } = renderApp('/', { viewer: buildViewer({ isStaff: true, memberships: [] }) });
    await waitForPath(router, '/operator');
    expect(await findPageTitle()).toHaveTextContent(fr.operator.title);
  });

  it('keeps the operator space for staff', async () => {
    renderApp('/operator', { viewer: buildViewer({ memberships: [buildMembership(['ADMIN'])] }) });
    expect(await findPageTitle()).toHaveTextContent(fr.errors.noAccess.title);
    expect(screen.getByRole('main')).toHaveTextContent(fr.errors.noAccess.staff);
  });

  it('shows a 404 for unknown paths once signed in, and asks to sign in first otherwise', async () => {
    const { router } = renderApp('/some/deep/link', { viewer: null });
    await waitForPath(router, '/login');
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/some/deep/link')}`);

    renderApp('/some/deep/link', { viewer: buildViewer({ memberships: [buildMembership(['ADMIN'])] }) });
    expect(await screen.findByRole('heading', { level: 1, name: fr.errors.notFound.title })).toBeInTheDocument();
  });

  it('shows a 404 inside the shell for an unknown company section', async () => {
    const viewer = buildViewer({ memberships: [buildMembership(['ADMIN'], { id: 'acme' })] });
    renderApp('/c/acme/unknown', { viewer });
    expect(await findPageTitle()).toHaveTextContent(fr.errors.notFound.title);
    expect(screen.getByRole('navigation', { name: fr.shell.mainNav })).toBeInTheDocument();
  });

  it('switches company, keeping the section when the other membership allows it', async () => {
    const user = userEvent.setup();
    const viewer = buildViewer({
      memberships: [
        buildMembership(['ADMIN'], { id: 'acme', name: 'ACME SAS' }),
        buildMembership(['COURRIER', 'FACTURATION'], { id: 'beta', name: 'Beta SARL' }),
        buildMembership(['FORMALITE'], { id: 'gamma', name: 'Gamma SA' }),
      ],
    });
    const { router } = renderApp('/c/acme/invoices', { viewer });
    await findPageTitle();

    const toggle = screen.getByRole('button', { name: /ACME SAS/ });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const list = screen.getByRole('list', { name: fr.shell.companies });
    const links = within(list).getAllByRole('link');
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['/c/acme/invoices', '/c/beta/invoices', '/c/gamma/services']);
    expect(links[0]).toHaveAttribute('aria-current', 'true');

    // Escape closes the list and gives focus back to the button.
    await user.keyboard('{Escape}');
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(toggle).toHaveFocus();

    await user.click(toggle);
    await user.click(within(screen.getByRole('list', { name: fr.shell.companies })).getByRole('link', { name: /Beta SARL/ }));
    await waitForPath(router, '/c/beta/invoices');
    expect(await screen.findByRole('button', { name: /Beta SARL/ })).toBeInTheDocument();
  });

  it('moves focus to the new page title after a navigation', async () => {
    const user = userEvent.setup();
    const viewer = buildViewer({ memberships: [buildMembership(['ADMIN'], { id: 'acme' })] });
    renderApp('/c/acme/mail', { viewer });
    await findPageTitle();
    const nav = screen.getByRole('navigation', { name: fr.shell.mainNav });
    await user.click(within(nav).getByRole('link', { name: fr.nav.team }));
    const title = await screen.findByRole('heading', { level: 1, name: fr.pages.team.title });
    expect(title).toHaveFocus();
  });
});
