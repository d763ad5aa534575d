import { ERROR_MESSAGES } from '@guichet/shared';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { CreateMailItemLinkDocument, MailItemDocument } from '@/features/mail/api/generated';
import { BANQUE, COMPANY_ID, COMPANY_NAME, ITEMS, mailItemsMock, tagsMock, URSSAF } from '@/features/mail/__tests__/mail-fixtures';
import { fr } from '@/locales/fr';
import { buildMembership, buildViewer } from '@/testing/fixtures';
import { normalized, renderApp } from '@/testing/test-utils';

// The mail page is a lazily loaded chunk with several requests: leave room on a busy machine.
configure({ asyncUtilTimeout: 5000 });

/** The normalised cache: one entry per object (`MailItem:<id>`), with its fields. */
const cacheOf = (client: { cache: { extract: () => unknown } }) =>
  client.cache.extract() as Record<string, Record<string, unknown> | undefined>;

const forbidden = () => ({ errors: [new GraphQLError('Forbidden', { extensions: { code: 'FORBIDDEN' } })] });

/**
 * An administrator changes a member's role while the member is on a page: the member's next
 * action is refused (FORBIDDEN) without a navigation. The SPA then asks again who the member is,
 * follows the new access at once and forgets the data of the page the member lost.
 */
describe('a denied answer', () => {
  it('refreshes the viewer, leaves the lost page and evicts its cached data', async () => {
    const user = userEvent.setup();
    const courrier = buildViewer({ memberships: [buildMembership(['COURRIER'], { id: COMPANY_ID, name: COMPANY_NAME })] });
    const { client, server } = renderApp(`/c/${COMPANY_ID}/mail`, {
      viewer: courrier,
      mocks: [
        tagsMock(),
        mailItemsMock({ items: ITEMS }),
        {
          request: { query: MailItemDocument, variables: { companyId: COMPANY_ID, id: URSSAF.id } },
          result: forbidden(),
          maxUsageCount: 5,
        },
        {
          request: {
            query: CreateMailItemLinkDocument,
            variables: { companyId: COMPANY_ID, mailItemId: URSSAF.id, disposition: 'INLINE' },
          },
          result: forbidden(),
          maxUsageCount: 5,
        },
      ],
    });
    await screen.findByText('3 courriers', undefined, { timeout: 10_000 });
    const nav = screen.getByRole('navigation', { name: fr.shell.mainNav });
    expect(within(nav).getByRole('link', { name: fr.nav.mail })).toBeInTheDocument();
    expect(cacheOf(client)[`MailItem:${URSSAF.id}`]).toBeDefined();

    // Meanwhile an administrator made the member Facturation.
    server.viewer = buildViewer({ memberships: [buildMembership(['FACTURATION'], { id: COMPANY_ID, name: COMPANY_NAME })] });
    await user.click(screen.getByRole('link', { name: /^URSSAF/ }));

    // The menu follows the new role; the mail page (and its preview) gives way to the no-access page.
    await waitFor(() => expect(within(nav).queryByRole('link', { name: fr.nav.mail })).toBeNull());
    expect(within(nav).getByRole('link', { name: fr.nav.invoices })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { level: 1, name: fr.errors.noAccess.title })).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByRole('button', { name: /Télécharger/ })).toBeNull();

    // Nothing of the mail stays in the cache.
    const cached = cacheOf(client);
    expect(Object.keys(cached).filter((key) => key.startsWith('MailItem:') || key.startsWith('Tag:'))).toEqual([]);
    expect(
      Object.keys(cached[`Company:${COMPANY_ID}`] ?? {}).filter((field) => /^(mailItems|mailItem|tags|forwardingRequests)\b/.test(field)),
    ).toEqual([]);
  });

  it('keeps the page and its data when the access did not change', async () => {
    const user = userEvent.setup();
    const courrier = buildViewer({ memberships: [buildMembership(['COURRIER'], { id: COMPANY_ID, name: COMPANY_NAME })] });
    const { client } = renderApp(`/c/${COMPANY_ID}/mail`, {
      viewer: courrier,
      mocks: [
        tagsMock(),
        mailItemsMock({ items: ITEMS }),
        {
          request: { query: MailItemDocument, variables: { companyId: COMPANY_ID, id: URSSAF.id } },
          result: forbidden(),
          maxUsageCount: 5,
        },
        {
          request: {
            query: CreateMailItemLinkDocument,
            variables: { companyId: COMPANY_ID, mailItemId: URSSAF.id, disposition: 'INLINE' },
          },
          result: forbidden(),
          maxUsageCount: 5,
        },
      ],
    });
    await screen.findByText('3 courriers', undefined, { timeout: 10_000 });
    await user.click(screen.getByRole('link', { name: /^URSSAF/ }));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findAllByText(normalized(ERROR_MESSAGES.FORBIDDEN.fr))).not.toHaveLength(0);
    expect(screen.getByText('3 courriers')).toBeInTheDocument();
    expect(within(screen.getByRole('navigation', { name: fr.shell.mainNav })).getByRole('link', { name: fr.nav.mail })).toBeInTheDocument();
    expect(cacheOf(client)[`MailItem:${BANQUE.id}`]).toBeDefined();
  });
});
