import type { MockLink } from '@apollo/client/testing';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fr } from '@/locales/fr';
import { operatorFr } from '@/locales/operator/fr';
import { buildViewer } from '@/testing/fixtures';
import { normalized, renderApp } from '@/testing/test-utils';
import { OperatorCompaniesDocument, type OperatorCompanyFragment } from '../api/generated';

// The page is a lazily loaded chunk with several requests: leave room on a busy machine.
configure({ asyncUtilTimeout: 5000 });

const t = operatorFr;
const DEMO: OperatorCompanyFragment = { __typename: 'Company', id: 'company-demo', name: 'Demo SAS', siret: '91234567800011' };
const AUTRE: OperatorCompanyFragment = { __typename: 'Company', id: 'company-autre', name: 'Autre SARL', siret: '73282932000074' };

function companiesMock(search: string | null, companies: OperatorCompanyFragment[]): MockLink.MockedResponse {
  return {
    request: { query: OperatorCompaniesDocument, variables: { search, first: 8 } },
    maxUsageCount: 5,
    result: {
      data: {
        companies: {
          __typename: 'CompanyConnection',
          edges: companies.map((node) => ({ __typename: 'CompanyEdge', node })),
        },
      },
    },
  };
}

const pdf = (name: string) => new File(['%PDF-1.4 scan'], name, { type: 'application/pdf' });

interface Sent {
  sender: string | null;
  params: URLSearchParams;
  init: RequestInit | undefined;
}

/** The upload route as the API answers it: one PDF is fine, one is unreadable. */
function fakeUploadRoute(sent: Sent[]) {
  return jest.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = new URL(String(input), 'http://localhost');
    sent.push({ sender: url.searchParams.get('sender'), params: url.searchParams, init });
    if (url.searchParams.get('sender') === 'Banque Populaire') {
      return new Response(
        JSON.stringify({
          error: { code: 'VALIDATION_FAILED', message: 'Invalid input', fields: [{ field: 'file', code: 'MAIL_FILE_UNREADABLE' }] },
        }),
        { status: 400, headers: { 'Content-Type': 'application/json' } },
      );
    }
    return new Response(JSON.stringify({ mailItem: { id: `item-${sent.length}`, pageCount: 2 } }), {
      status: 201,
      headers: { 'Content-Type': 'application/json' },
    });
  });
}

afterEach(() => jest.restoreAllMocks());

describe('operator: Déposer des courriers', () => {
  it('keeps the page to staff', async () => {
    renderApp('/operator/mail', { viewer: buildViewer({ isStaff: false }) });
    expect(await screen.findByRole('heading', { level: 1 }, { timeout: 10_000 })).toHaveTextContent(fr.errors.noAccess.title);
  });

  it('uploads several PDFs, one result per file, and keeps everything typed when some fail', async () => {
    const user = userEvent.setup();
    const sent: Sent[] = [];
    fakeUploadRoute(sent);
    renderApp('/operator/mail', {
      viewer: buildViewer({ isStaff: true }),
      mocks: [companiesMock(null, [DEMO, AUTRE]), companiesMock('demo', [DEMO])],
    });
    expect(await screen.findByRole('heading', { level: 1 }, { timeout: 10_000 })).toHaveTextContent(t.upload.title);

    // Nothing is sent without a company.
    await user.click(screen.getByRole('button', { name: t.upload.submitEmpty }));
    expect(screen.getByRole('searchbox', { name: t.company.search })).toHaveAccessibleDescription(
      expect.stringContaining(t.upload.chooseCompany),
    );

    await user.type(screen.getByRole('searchbox', { name: t.company.search }), 'demo');
    await screen.findByRole('list', { name: t.company.results });
    await waitFor(() => expect(within(screen.getByRole('list', { name: t.company.results })).getAllByRole('button')).toHaveLength(1), {
      timeout: 3000,
    });
    await user.click(within(screen.getByRole('list', { name: t.company.results })).getByRole('button', { name: /Demo SAS/ }));
    expect(screen.getByText('Demo SAS')).toBeInTheDocument();

    await user.upload(screen.getByLabelText(t.upload.pick), [pdf('urssaf.pdf'), pdf('banque.pdf'), pdf('sans-expediteur.pdf')]);
    const row = (name: string) => screen.getByRole('group', { name: new RegExp(name.replace('.', '\\.')) });
    await user.type(within(row('urssaf.pdf')).getByLabelText(t.upload.sender), 'URSSAF Île-de-France');
    await user.selectOptions(within(row('urssaf.pdf')).getByLabelText(t.upload.type), 'ADMINISTRATIVE');
    await user.type(within(row('banque.pdf')).getByLabelText(t.upload.sender), 'Banque Populaire');

    await user.click(screen.getByRole('button', { name: 'Déposer 3 courriers' }));

    // Each file has its own outcome; the summary is announced.
    const status = await screen.findByText(/Dépôt terminé/);
    expect(normalized(status.textContent ?? '')).toBe(
      'Dépôt terminé : 1 déposé(s), 2 en erreur. 1 fichier a des champs à corriger : il n’a pas été envoyé.',
    );
    expect(within(row('urssaf.pdf')).getByText('Déposé : 2 pages')).toBeInTheDocument();
    expect(within(row('banque.pdf')).getByText('Ce PDF est illisible ou endommagé.')).toBeInTheDocument();
    const missing = within(row('sans-expediteur.pdf')).getByLabelText(t.upload.sender);
    expect(missing).toHaveAccessibleDescription('Indiquez l’expéditeur.');
    expect(missing).toHaveFocus();

    // Two requests only (the third file was stopped by the form), in the route's format.
    expect(sent.map((request) => request.sender)).toEqual(['URSSAF Île-de-France', 'Banque Populaire']);
    const first = sent[0] as Sent;
    expect(first.params.get('companyId')).toBe(DEMO.id);
    expect(first.params.get('type')).toBe('ADMINISTRATIVE');
    expect(first.params.get('receivedAt')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(first.init?.method).toBe('POST');
    expect(new Headers(first.init?.headers).get('Content-Type')).toBe('application/pdf');
    expect(first.init?.body).toBeInstanceOf(File);

    // Nothing typed is lost: fixing and retrying sends only the files not yet uploaded.
    expect(within(row('banque.pdf')).getByLabelText(t.upload.sender)).toHaveValue('Banque Populaire');
    await user.type(missing, 'INPI');
    await user.click(screen.getByRole('button', { name: 'Déposer 2 courriers' }));
    await waitFor(() => expect(sent).toHaveLength(4));
    expect(sent.slice(2).map((request) => request.sender)).toEqual(['Banque Populaire', 'INPI']);
    expect(await within(row('sans-expediteur.pdf')).findByText('Déposé : 2 pages')).toBeInTheDocument();
  });

  it('refuses a file that is not a PDF without sending it', async () => {
    const user = userEvent.setup({ applyAccept: false });
    const sent: Sent[] = [];
    fakeUploadRoute(sent);
    renderApp('/operator/mail', { viewer: buildViewer({ isStaff: true }), mocks: [companiesMock(null, [DEMO])] });
    await screen.findByRole('heading', { level: 1 }, { timeout: 10_000 });
    await user.click(await screen.findByRole('button', { name: /Demo SAS/ }));
    await user.upload(screen.getByLabelText(t.upload.pick), [new File(['hello'], 'notes.txt', { type: 'text/plain' })]);
    expect(within(screen.getByRole('group', { name: /notes\.txt/ })).getByText(normalized(t.upload.notPdf))).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: t.upload.submitEmpty }));
    expect(screen.getByText(normalized(t.upload.noFiles))).toBeInTheDocument();
    expect(sent).toHaveLength(0);
  });
});
