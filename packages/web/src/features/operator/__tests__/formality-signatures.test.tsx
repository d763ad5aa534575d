import type { MockLink } from '@apollo/client/testing';
import { isValidationCode, validationMessage } from '@guichet/shared';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { operatorFormalitiesFr } from '@/locales/operator-formalities/fr';
import { normalized, renderApp } from '@/testing/test-utils';
import { CancelSignatureRequestDocument, RequestSignatureDocument } from '../api/formalities/generated';
import {
  buildDocument,
  buildEvidenceEvents,
  buildFormality,
  buildSignatureRequest,
  COMPANY_ID,
  companyMock,
  conflict,
  evidenceMock,
  FORMALITY_ID,
  formalityMock,
  SHA_KBIS,
  SHA_POUVOIR,
  signersMock,
  staff,
  validationFailed,
} from './formalities-fixtures';

const t = operatorFormalitiesFr;
const KBIS = buildDocument();
const POUVOIR = buildDocument({ id: 'doc-2', title: 'Pouvoir', sha256: SHA_POUVOIR, size: 64_000 });
const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));

async function openFormalityPage(mocks: MockLink.MockedResponse[]) {
  const user = userEvent.setup();
  const view = renderApp(`/operator/formalities/${COMPANY_ID}/${FORMALITY_ID}`, { viewer: staff, mocks });
  await screen.findByRole('heading', { level: 1, name: 'Transfert du siège à Lyon' }, { timeout: 10_000 });
  return { user, ...view };
}

describe('operator: requesting a signature', () => {
  it('sends the chosen document’s SHA-256 and the chosen signer', async () => {
    const formality = buildFormality({ documents: [KBIS, POUVOIR] });
    const created = buildSignatureRequest();
    const { user } = await openFormalityPage([
      companyMock(),
      formalityMock(formality),
      signersMock(),
      {
        request: {
          query: RequestSignatureDocument,
          variables: { formalityId: FORMALITY_ID, documentId: 'doc-2', signerId: 'user-david', documentSha256: SHA_POUVOIR },
        },
        result: { data: { requestSignature: created } },
      },
      formalityMock({ ...formality, state: 'AWAITING_SIGNATURE', turn: 'CLIENT', signatureRequests: [created] }),
    ]);
    const form = screen.getByRole('form', { name: t.signature.legend });
    const signer = await within(form).findByLabelText(t.signature.signer, { exact: false });
    // Nothing is sent without a document and a signer.
    await user.click(within(form).getByRole('button', { name: t.signature.submit }));
    const document = within(form).getByLabelText(t.signature.document, { exact: false });
    expect(document).toHaveFocus();
    expect(within(form).getByText(t.issues.DOCUMENT_REQUIRED)).toBeInTheDocument();
    expect(within(form).getByText(t.issues.SIGNER_REQUIRED)).toBeInTheDocument();

    // The options show each document's short fingerprint; the whole one shows once chosen.
    expect(within(document).getByRole('option', { name: `Pouvoir — SHA-256 ${SHA_POUVOIR.slice(0, 12)}…` })).toBeInTheDocument();
    await user.selectOptions(document, 'doc-2');
    expect(within(form).getByText(SHA_POUVOIR)).toBeInTheDocument();
    expect(within(form).queryByText(SHA_KBIS)).toBeNull();
    await user.selectOptions(signer, 'David Bernard (david.bernard@demo-sas.fr)');
    await user.click(within(form).getByRole('button', { name: t.signature.submit }));

    expect(await screen.findByText(normalized('Signature de « Pouvoir » demandée à David Bernard.'))).toBeInTheDocument();
    const requests = screen.getByRole('region', { name: t.signature.listTitle });
    await waitFor(() => expect(within(requests).getByRole('heading', { name: 'Pouvoir — David Bernard' })).toBeInTheDocument());
    expect(within(requests).getByText(t.labels.signatureStatuses.PENDING)).toBeInTheDocument();
    expect(screen.getByRole('region', { name: t.detail.facts })).toHaveTextContent(t.labels.states.AWAITING_SIGNATURE);
  });

  it('says why the API refused: a document changed since it was delivered, a signer without access', async () => {
    const formality = buildFormality({ documents: [POUVOIR] });
    const variables = { formalityId: FORMALITY_ID, documentId: 'doc-2', signerId: 'user-alice', documentSha256: SHA_POUVOIR };
    const { user } = await openFormalityPage([
      companyMock(),
      formalityMock(formality),
      signersMock(),
      { request: { query: RequestSignatureDocument, variables }, result: conflict('DOCUMENT_CHANGED') },
      {
        request: { query: RequestSignatureDocument, variables },
        result: validationFailed([{ field: 'signerId', code: 'SIGNER_NOT_ALLOWED' }]),
      },
    ]);
    const form = screen.getByRole('form', { name: t.signature.legend });
    // The only document is chosen already.
    expect(within(form).getByLabelText(t.signature.document, { exact: false })).toHaveValue('doc-2');
    await user.selectOptions(await within(form).findByLabelText(t.signature.signer, { exact: false }), 'user-alice');
    await user.click(within(form).getByRole('button', { name: t.signature.submit }));
    expect(await within(form).findByRole('alert')).toHaveTextContent(normalized(`${t.signature.failed} ${t.conflicts.DOCUMENT_CHANGED}`));
    await user.click(within(form).getByRole('button', { name: t.signature.submit }));
    const signer = within(form).getByLabelText(t.signature.signer, { exact: false });
    // The shared message of the code when this version of shared has it, else the page's own.
    const expected = isValidationCode('SIGNER_NOT_ALLOWED') ? validationMessage('SIGNER_NOT_ALLOWED', 'fr') : t.codes.SIGNER_NOT_ALLOWED;
    await waitFor(() => expect(signer).toHaveAccessibleDescription(expect.stringContaining(expected)));
    expect(signer).toHaveFocus();
  });
});

describe('operator: the evidence trail', () => {
  it('shows a broken chain with the event where it breaks', async () => {
    const signed = buildSignatureRequest({
      status: 'SIGNED',
      signedAt: '2026-11-06T10:05:05.000Z',
      signedSha256: 'f'.repeat(64),
      verificationReference: 'GCH-7K3M-Q9TX-2HVD',
    });
    const events = buildEvidenceEvents([
      'REQUEST_CREATED',
      'EMAIL_SENT',
      'DOCUMENT_OPENED',
      'CODE_SENT',
      'CODE_ACCEPTED',
      'CONSENT_GIVEN',
      'SIGNED',
    ]);
    const { user } = await openFormalityPage([
      companyMock(),
      formalityMock(buildFormality({ state: 'AWAITING_SIGNATURE', documents: [POUVOIR], signatureRequests: [signed] })),
      signersMock(),
      evidenceMock(signed, events, { intact: false, brokenAtSeq: 4, problem: 'the hash of event 4 does not match its content' }),
    ]);
    const requests = screen.getByRole('region', { name: t.signature.listTitle });
    expect(within(requests).getByText(normalized('Référence de vérification : GCH-7K3M-Q9TX-2HVD'))).toBeInTheDocument();
    expect(within(requests).getByRole('button', { name: fill(t.signature.downloadLabel, { document: 'Pouvoir' }) })).toBeInTheDocument();
    expect(within(requests).queryByRole('button', { name: fill(t.signature.cancelLabel, { document: 'Pouvoir' }) })).toBeNull();

    await user.click(within(requests).getByRole('button', { name: t.signature.showEvidence }));
    const banner = await within(requests).findByText(normalized(fill(t.evidence.broken, { seq: 4 })));
    expect(banner.closest('.alert')).toHaveClass('alert--error');
    expect(banner.closest('.alert')).toHaveTextContent('the hash of event 4 does not match its content');
    expect(within(requests).queryByText(t.evidence.intact)).toBeNull();

    const table = within(requests).getByRole('table', { name: t.evidence.caption });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(7);
    const fourth = rows[3]!;
    expect(within(fourth).getByRole('rowheader')).toHaveTextContent(`4${t.evidence.brokenRow}`);
    expect(fourth).toHaveTextContent(t.labels.signatureEvents.CODE_SENT);
    expect(fourth).toHaveTextContent('2026-11-06 10:03:03');
    expect(fourth).toHaveTextContent('203.0.113.7');
    expect(fourth).toHaveTextContent('David Bernard');
    expect(fourth).toHaveTextContent('44444444eeee…');
    expect(rows[1]).toHaveTextContent(t.evidence.system);
    expect(rows[1]).not.toHaveTextContent(t.evidence.brokenRow);
  });

  it('says when the chain is intact, with its final hash', async () => {
    const pending = buildSignatureRequest();
    const events = buildEvidenceEvents(['REQUEST_CREATED', 'EMAIL_SENT']);
    const { user } = await openFormalityPage([
      companyMock(),
      formalityMock(buildFormality({ state: 'AWAITING_SIGNATURE', documents: [POUVOIR], signatureRequests: [pending] })),
      signersMock(),
      evidenceMock(pending, events, { intact: true }),
    ]);
    const requests = screen.getByRole('region', { name: t.signature.listTitle });
    await user.click(within(requests).getByRole('button', { name: t.signature.showEvidence }));
    const banner = (await within(requests).findByText(t.evidence.intact)).closest('.alert') as HTMLElement;
    expect(banner).toHaveClass('alert--success');
    expect(banner).toHaveTextContent(events[1]!.hash);
    expect(within(requests).getAllByRole('row')).toHaveLength(3);
    await user.click(within(requests).getByRole('button', { name: t.signature.hideEvidence }));
    expect(within(requests).queryByRole('table')).toBeNull();
  });
});

describe('operator: cancelling a signature request', () => {
  it('needs a reason', async () => {
    const pending = buildSignatureRequest();
    const reason = 'Le pouvoir doit être signé par le président.';
    const { user } = await openFormalityPage([
      companyMock(),
      formalityMock(buildFormality({ state: 'AWAITING_SIGNATURE', documents: [POUVOIR], signatureRequests: [pending] })),
      signersMock(),
      {
        request: { query: CancelSignatureRequestDocument, variables: { signatureRequestId: pending.id, reason } },
        result: { data: { cancelSignatureRequest: { ...pending, status: 'CANCELLED' } } },
      },
      formalityMock(
        buildFormality({ state: 'AWAITING_SIGNATURE', documents: [POUVOIR], signatureRequests: [{ ...pending, status: 'CANCELLED' }] }),
      ),
    ]);
    const requests = screen.getByRole('region', { name: t.signature.listTitle });
    expect(within(requests).getByText(normalized('5 essais de code restants.'))).toBeInTheDocument();
    await user.click(within(requests).getByRole('button', { name: fill(t.signature.cancelLabel, { document: 'Pouvoir' }) }));
    const dialog = await screen.findByRole('dialog', { name: t.signature.cancelTitle });
    await user.click(within(dialog).getByRole('button', { name: t.signature.cancelSubmit }));
    expect(within(dialog).getByText(validationMessage('FORMALITY_REASON_REQUIRED', 'fr'))).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText(t.signature.cancelReason, { exact: false }), reason);
    await user.click(within(dialog).getByRole('button', { name: t.signature.cancelSubmit }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText(t.signature.cancelled)).toBeInTheDocument();
    await waitFor(() => expect(within(requests).getByText(t.labels.signatureStatuses.CANCELLED)).toBeInTheDocument());
  });
});

/** XMLHttpRequest as the delivery route answers it, driven by the test. */
class FakeXhr {
  static sent: FakeXhr[] = [];
  method = '';
  url = '';
  headers: Record<string, string> = {};
  withCredentials = false;
  body: unknown = null;
  status = 0;
  responseText = '';
  upload: { onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
  }
  send(body: unknown) {
    this.body = body;
    FakeXhr.sent.push(this);
  }
  abort() {
    this.onabort?.();
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total });
  }
  respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

describe('operator: delivering a document', () => {
  const original = window.XMLHttpRequest;
  beforeEach(() => {
    FakeXhr.sent = [];
    window.XMLHttpRequest = FakeXhr as unknown as typeof XMLHttpRequest;
  });
  afterEach(() => {
    window.XMLHttpRequest = original;
  });

  it('uploads the PDF as the raw body with its progress, and says what the server refused', async () => {
    const formality = buildFormality();
    const { user } = await openFormalityPage([
      companyMock(),
      formalityMock(formality),
      formalityMock({ ...formality, documents: [KBIS] }),
      signersMock(),
    ]);
    const section = screen.getByRole('region', { name: t.deliver.legend });
    await user.click(within(section).getByRole('button', { name: t.deliver.submit }));
    expect(within(section).getByLabelText(t.deliver.title, { exact: false })).toHaveFocus();
    expect(within(section).getByText(t.issues.FILE_REQUIRED)).toBeInTheDocument();
    expect(FakeXhr.sent).toHaveLength(0);

    await user.type(within(section).getByLabelText(t.deliver.title, { exact: false }), 'Extrait Kbis');
    const file = new File(['%PDF-1.7 kbis'], 'kbis.pdf', { type: 'application/pdf' });
    await user.upload(within(section).getByLabelText(t.deliver.file), file);
    await user.click(within(section).getByRole('button', { name: t.deliver.submit }));
    const first = FakeXhr.sent[0]!;
    expect(first.method).toBe('POST');
    expect(first.url).toBe(`/files/formality-documents/${COMPANY_ID}/${FORMALITY_ID}?title=Extrait+Kbis`);
    expect(first.headers['content-type']).toBe('application/pdf');
    expect(first.withCredentials).toBe(true);
    expect(first.body).toBe(file);
    act(() => first.progress(50, 100));
    expect(within(section).getByRole('progressbar', { name: t.deliver.progress })).toHaveValue(50);
    act(() =>
      first.respond(400, {
        error: { code: 'VALIDATION_FAILED', message: 'Invalid input', fields: [{ field: 'file', code: 'FORMALITY_FILE_INVALID' }] },
      }),
    );
    expect(await within(section).findByRole('alert')).toHaveTextContent(
      normalized(`${t.deliver.failed} ${t.issues.DELIVERED_FILE_INVALID}`),
    );
    expect(within(section).getByLabelText(t.deliver.title, { exact: false })).toHaveValue('Extrait Kbis');

    await user.click(within(section).getByRole('button', { name: t.deliver.submit }));
    const second = FakeXhr.sent[1]!;
    act(() =>
      second.respond(201, { document: { id: 'doc-1', formalityId: FORMALITY_ID, title: 'Extrait Kbis', size: 13, sha256: SHA_KBIS } }),
    );
    expect(await screen.findByText(normalized('Document « Extrait Kbis » livré.'))).toBeInTheDocument();
    const documents = await screen.findByRole('table', { name: t.documents.caption });
    expect(await within(documents).findByText(`${SHA_KBIS.slice(0, 12)}…`)).toBeInTheDocument();
  });
});
