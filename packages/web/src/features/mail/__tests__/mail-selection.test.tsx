import { can, type Permission } from '@guichet/shared';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as authorization from '@/lib/authorization';
import { mailFr } from '@/locales/mail/fr';
import { renderApp } from '@/testing/test-utils';
import { CreateMailExportDocument, TagMailItemsDocument } from '../api/generated';
import { openFileUrl } from '../utils/open-file-url';
import { BANQUE, COMPANY_ID, ITEMS, mailItemsMock, mailViewer, tagsMock, TAG_URGENT, URSSAF } from './mail-fixtures';

// The page is a lazily loaded chunk with several requests: leave room on a busy machine.
configure({ asyncUtilTimeout: 5000 });

jest.mock('../utils/open-file-url', () => ({ openFileUrl: jest.fn() }));

const t = mailFr;
const pageTitle = () => screen.findByRole('heading', { level: 1 }, { timeout: 10_000 });

/** Plays a member whose access grants only some mail permissions (as an API token could). */
function allowOnly(permissions: Permission[]) {
  jest.spyOn(authorization, 'useCan').mockReturnValue((permission) => permissions.includes(permission));
}

async function openMail(mocks = [tagsMock(), mailItemsMock({ items: ITEMS })]) {
  const user = userEvent.setup();
  const view = renderApp('/c/acme/mail', { viewer: mailViewer(), mocks });
  await pageTitle();
  await screen.findByText('3 courriers');
  return { user, ...view };
}

afterEach(() => jest.restoreAllMocks());

describe('Mes courriers: selection and bulk actions', () => {
  it('names each checkbox after the letter, and offers the bulk actions for the selection', async () => {
    const { user } = await openMail();
    const urssaf = screen.getByRole('checkbox', { name: 'Sélectionner le courrier de URSSAF du 3 mars' });
    const banque = screen.getByRole('checkbox', { name: 'Sélectionner le courrier de Banque Populaire du 14 février' });
    expect(screen.queryByRole('group', { name: t.selection.actions })).toBeNull();

    await user.click(urssaf);
    await user.click(banque);
    const bar = screen.getByRole('group', { name: t.selection.actions });
    expect(bar).toHaveTextContent('2 courriers sélectionnés');
    expect(within(bar).getByRole('button', { name: t.selection.tag })).toBeInTheDocument();
    expect(within(bar).getByRole('button', { name: t.selection.forward })).toBeInTheDocument();

    const all = screen.getByRole('checkbox', { name: t.list.selectPage });
    expect(all).toHaveProperty('indeterminate', true);
    await user.click(all);
    expect(bar).toHaveTextContent('3 courriers sélectionnés');
    await user.click(all);
    expect(screen.queryByRole('group', { name: t.selection.actions })).toBeNull();
  });

  it('is read-only for a member with mail:read and mail:download only', async () => {
    allowOnly(['mail:read', 'mail:download']);
    await openMail();
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
    expect(screen.queryByRole('button', { name: t.page.manageTags })).toBeNull();
    expect(screen.queryByRole('button', { name: t.page.exportAll })).toBeNull();
    expect(screen.getByRole('link', { name: /^URSSAF/ })).toBeInTheDocument();
  });

  it('offers each action with its own permission only', async () => {
    allowOnly(['mail:read', 'mail:tag']);
    const { user } = await openMail();
    expect(screen.getByRole('button', { name: t.page.manageTags })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: t.page.exportAll })).toBeNull();
    await user.click(screen.getByRole('checkbox', { name: /URSSAF/ }));
    const bar = screen.getByRole('group', { name: t.selection.actions });
    expect(within(bar).getByRole('button', { name: t.selection.tag })).toBeInTheDocument();
    expect(within(bar).queryByRole('button', { name: t.selection.forward })).toBeNull();
  });

  it('offers "Exporter tout" with mail:export alone, without a selection', async () => {
    allowOnly(['mail:read', 'mail:export']);
    await openMail();
    expect(screen.getByRole('button', { name: t.page.exportAll })).toBeInTheDocument();
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
  });

  it('matches the shared matrix: the Courrier scope grants every mail action', () => {
    for (const permission of ['mail:read', 'mail:download', 'mail:export', 'mail:tag', 'mail:forward'] as const) {
      expect(can(['COURRIER'], permission)).toBe(true);
      expect(can(['FACTURATION'], permission)).toBe(false);
    }
  });

  it('tags the selected letters; the rows show the new chip', async () => {
    const { user } = await openMail([
      tagsMock(),
      mailItemsMock({ items: ITEMS }),
      {
        request: {
          query: TagMailItemsDocument,
          variables: { companyId: COMPANY_ID, mailItemIds: [URSSAF.id, BANQUE.id], tagIds: [TAG_URGENT.id] },
        },
        result: {
          data: {
            tagMailItems: [
              { __typename: 'MailItem', id: URSSAF.id, tags: [TAG_URGENT] },
              { __typename: 'MailItem', id: BANQUE.id, tags: [...BANQUE.tags, TAG_URGENT] },
            ],
          },
        },
      },
    ]);
    await user.click(screen.getByRole('checkbox', { name: /URSSAF/ }));
    await user.click(screen.getByRole('checkbox', { name: /Banque Populaire/ }));
    await user.click(screen.getByRole('button', { name: t.selection.tag }));
    const dialog = await screen.findByRole('dialog', { name: 'Étiqueter 2 courriers' });
    await user.click(within(dialog).getByRole('button', { name: t.tagging.submitAdd }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent(t.tagging.chooseOne);
    await user.click(within(dialog).getByRole('checkbox', { name: 'Urgent' }));
    await user.click(within(dialog).getByRole('button', { name: t.tagging.submitAdd }));
    expect(await screen.findByText('Étiquettes ajoutées à 2 courriers.')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();
    const urssafRow = screen.getByRole('rowheader', { name: /URSSAF/ }).closest('tr') as HTMLElement;
    expect(within(urssafRow).getByText('Urgent')).toBeInTheDocument();
  });

  it('exports the current filter: asks for the ZIP link, then sends the browser to it', async () => {
    const { user } = await openMail([
      tagsMock(),
      mailItemsMock({ items: ITEMS }),
      {
        request: { query: CreateMailExportDocument, variables: { companyId: COMPANY_ID, filter: null } },
        result: {
          data: {
            createMailExport: {
              __typename: 'MailExport',
              url: 'http://localhost/files/exports/signed',
              expiresAt: '2030-01-01T00:00:00Z',
              itemCount: 3,
            },
          },
        },
      },
    ]);
    await user.click(screen.getByRole('button', { name: t.page.exportAll }));
    await waitFor(() => expect(openFileUrl).toHaveBeenCalledWith('http://localhost/files/exports/signed'));
    expect(await screen.findByText('Export de 3 courriers : le téléchargement du fichier ZIP commence.')).toBeInTheDocument();
  });
});
