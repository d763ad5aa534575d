import { screen, waitFor, within } from '@testing-library/react';
import { fr } from '@/locales/fr';
import { buildMembership, buildViewer } from '@/testing/fixtures';
import { findPageTitle, renderApp } from '@/testing/test-utils';

/**
 * An administrator changes or removes someone's access while they are on a page: the SPA asks for
 * the viewer again on each navigation inside a company, so the change shows on their next click.
 */
describe('access changed by an administrator', () => {
  const navLabels = () =>
    within(screen.getByRole('navigation', { name: fr.shell.mainNav }))
      .getAllByRole('link')
      .map((link) => link.textContent);

  it('follows a role change on the next navigation', async () => {
    const viewer = buildViewer({ memberships: [buildMembership(['FACTURATION'], { id: 'demo', name: 'Demo SAS' })] });
    const { router, server } = renderApp('/c/demo/invoices', { viewer });
    expect(await findPageTitle()).toHaveTextContent(fr.pages.invoices.title);
    expect(navLabels()).toEqual([fr.nav.invoices]);

    server.viewer = buildViewer({ memberships: [buildMembership(['FORMALITE'], { id: 'demo', name: 'Demo SAS' })] });
    await router.navigate('/c/demo/services');
    await waitFor(() => expect(navLabels()).toEqual([fr.nav.services]));
    expect(await screen.findByRole('heading', { level: 1, name: fr.pages.services.title })).toBeInTheDocument();

    await router.navigate('/c/demo/invoices');
    expect(await screen.findByRole('heading', { level: 1, name: fr.errors.noAccess.title })).toBeInTheDocument();
  });

  it('follows a removal on the next navigation', async () => {
    const viewer = buildViewer({ memberships: [buildMembership(['FACTURATION', 'FORMALITE'], { id: 'demo', name: 'Demo SAS' })] });
    const { router, server } = renderApp('/c/demo/invoices', { viewer });
    await findPageTitle();
    server.viewer = buildViewer({ memberships: [] });
    await router.navigate('/c/demo/services');
    await waitFor(() => expect(screen.getByRole('main')).toHaveTextContent(fr.errors.noAccess.company));
  });
});
