import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SIGNATURE_CONFLICT_MESSAGES, validationMessage } from '@guichet/shared';
import { formalitiesEn } from '@/locales/formalities/en';
import { formalitiesFr } from '@/locales/formalities/fr';
import { buildViewer } from '@/testing/fixtures';
import { normalized, renderApp } from '@/testing/test-utils';
import { formatTime } from '../utils/format';
import { openFileUrl } from '../utils/open-file-url';
import {
  buildDetails,
  buildRequest,
  buildSignature,
  CONSENT_EN,
  CONSENT_FR,
  conflictError,
  declineMock,
  formalitiesViewer,
  formalityMock,
  requestCodeMock,
  signatureLinkMock,
  signedLinkMock,
  signMock,
  TRANSFER,
  validationError,
} from './formality-fixtures';

jest.mock('../utils/open-file-url', () => ({ openFileUrl: jest.fn() }));

const t = formalitiesFr;
const URL = `/c/acme/services/${TRANSFER.id}`;
const PENDING = buildSignature({ id: 'sig-1' });
const SIGNED = buildSignature({
  id: 'sig-1',
  status: 'SIGNED',
  signedAt: '2026-03-12T14:05:00.000Z',
  signedSha256: 'b'.repeat(64),
  verificationReference: 'GCH-7K2P-9QXM-4TDA',
});
const withSignature = (signature = PENDING) =>
  buildDetails({ state: 'AWAITING_SIGNATURE', turn: 'CLIENT', signatureRequests: [signature], requests: [buildRequest({ id: 'r-1' })] });

/** The signature's card, found by the document's title (its heading). */
const signatureCard = async () => {
  const heading = await screen.findByRole('heading', { level: 3, name: PENDING.documentTitle }, { timeout: 10_000 });
  return heading.closest('article') as HTMLElement;
};
const signButton = (card: HTMLElement) => within(card).getByRole('button', { name: /^Signer/ });

beforeEach(() => {
  jest.mocked(openFileUrl).mockClear();
});

describe('Services: signing a document', () => {
  it('shows the whole PDF in the page, and sends a code by email: where, until when, how many tries', async () => {
    const user = userEvent.setup();
    const expiresAt = '2099-03-12T14:15:00.000Z';
    renderApp(URL, {
      viewer: formalitiesViewer(),
      mocks: [formalityMock(withSignature()), signatureLinkMock('sig-1'), requestCodeMock('sig-1', expiresAt)],
    });
    const card = await signatureCard();
    // What is to do comes first: the signature before the requests.
    expect(screen.getByText(t.detail.todo.signatures_one.replace('{{count}}', '1'))).toBeInTheDocument();
    const sections = screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent);
    expect(sections.indexOf(t.detail.sections.signatures)).toBeLessThan(sections.indexOf(t.detail.sections.requests));

    const frame = await within(card).findByTitle(normalized(`Document à signer : « ${PENDING.documentTitle} »`));
    expect(frame).toHaveAttribute('src', 'http://localhost/files/signature-documents/acme/sig-1?d=inline');
    expect(within(card).getByText(CONSENT_FR)).toBeInTheDocument();
    expect(within(card).getByText('Texte de consentement, version 2026-12-v1')).toBeInTheDocument();

    await user.click(within(card).getByRole('button', { name: t.signature.panel.sendCode }));
    expect(
      await within(card).findByText(normalized(`Code envoyé à c***@example.fr, valable jusqu’à ${formatTime(expiresAt, 'fr')}.`)),
    ).toBeInTheDocument();
    expect(within(card).getByText('5 essais restants.')).toBeInTheDocument();
    expect(within(card).getByRole('button', { name: t.signature.panel.resendCode })).toBeInTheDocument();

    const code = within(card).getByRole('textbox', { name: /^Code reçu par e-mail/ });
    expect(code).toHaveAttribute('inputmode', 'numeric');
    expect(code).toHaveAttribute('autocomplete', 'one-time-code');
  });

  it('asks for the consent, then for the 6 digits, before signing (nothing is sent)', async () => {
    const user = userEvent.setup();
    renderApp(URL, { viewer: formalitiesViewer(), mocks: [formalityMock(withSignature()), signatureLinkMock('sig-1')] });
    const card = await signatureCard();
    const code = within(card).getByRole('textbox', { name: /^Code reçu par e-mail/ });
    await user.type(code, '123456');
    await user.click(signButton(card));
    expect(within(card).getByText(t.signature.errors.consentRequired)).toBeInTheDocument();
    const consent = within(card).getByRole('checkbox', { name: new RegExp(`^${CONSENT_FR.slice(0, 20)}`) });
    expect(consent).toHaveFocus();
    expect(consent).toHaveAttribute('aria-invalid', 'true');

    await user.click(consent);
    expect(within(card).queryByText(t.signature.errors.consentRequired)).toBeNull();
    await user.clear(code);
    await user.type(code, '12a3');
    expect(code).toHaveValue('123');
    await user.click(signButton(card));
    expect(within(card).getByText(t.signature.errors.codeFormat)).toBeInTheDocument();
    expect(code).toHaveFocus();
  });

  it('says a wrong code is wrong and how many tries are left', async () => {
    const user = userEvent.setup();
    renderApp(URL, {
      viewer: formalitiesViewer(),
      mocks: [
        formalityMock(withSignature(), TRANSFER.id, 1),
        signatureLinkMock('sig-1'),
        signMock(PENDING, '111111', { error: validationError('code', 'SIGNATURE_CODE_INVALID', { attemptsLeft: '3' }) }),
        formalityMock(withSignature({ ...PENDING, attemptsLeft: 3 })),
      ],
    });
    const card = await signatureCard();
    await user.click(within(card).getByRole('checkbox'));
    const code = within(card).getByRole('textbox', { name: /^Code reçu par e-mail/ });
    await user.type(code, '111111');
    await user.click(signButton(card));

    await waitFor(() => expect(code).toHaveAttribute('aria-invalid', 'true'));
    const error = document.getElementById(`${code.id}-error`) as HTMLElement;
    expect(error).toHaveTextContent(normalized(validationMessage('SIGNATURE_CODE_INVALID', 'fr', { attemptsLeft: 3 })));
    expect(within(card).getByText('3 essais restants.')).toBeInTheDocument();
    expect(code).toHaveValue('');
    expect(code).toHaveFocus();
    // Still pending: the form stays.
    expect(signButton(card)).toBeInTheDocument();
  });

  it('explains a locked request, an expired consent text and a rate limit', async () => {
    const user = userEvent.setup();
    renderApp(URL, {
      viewer: formalitiesViewer(),
      mocks: [
        formalityMock(withSignature()),
        signatureLinkMock('sig-1'),
        signMock(PENDING, '222222', { error: conflictError('CONSENT_OUTDATED') }),
        signMock(PENDING, '333333', { error: conflictError('DOCUMENT_CHANGED') }),
        requestCodeMock('sig-1', '', conflictError('SIGNATURE_LOCKED')),
      ],
    });
    const card = await signatureCard();
    const consent = within(card).getByRole('checkbox');
    const code = within(card).getByRole('textbox', { name: /^Code reçu par e-mail/ });
    await user.click(consent);
    await user.type(code, '222222');
    await user.click(signButton(card));
    expect(await within(card).findByText(normalized(SIGNATURE_CONFLICT_MESSAGES.CONSENT_OUTDATED.fr))).toBeInTheDocument();
    expect(consent).not.toBeChecked();

    await user.click(consent);
    await user.clear(code);
    await user.type(code, '333333');
    await user.click(signButton(card));
    expect(
      await within(card).findByText(normalized(`${t.signature.errors.signFailed} ${SIGNATURE_CONFLICT_MESSAGES.DOCUMENT_CHANGED.fr}`)),
    ).toBeInTheDocument();

    await user.click(within(card).getByRole('button', { name: t.signature.panel.sendCode }));
    expect(
      await within(card).findByText(normalized(`${t.signature.errors.codeFailed} ${SIGNATURE_CONFLICT_MESSAGES.SIGNATURE_LOCKED.fr}`)),
    ).toBeInTheDocument();
  });

  it('signs with the code and the consent shown; the signed PDF is then offered for download', async () => {
    const user = userEvent.setup();
    renderApp(URL, {
      viewer: formalitiesViewer(),
      mocks: [
        formalityMock(withSignature(), TRANSFER.id, 1),
        signatureLinkMock('sig-1'),
        signMock(PENDING, '482913', { signed: SIGNED }),
        formalityMock(buildDetails({ state: 'UNDER_REVIEW', turn: 'OPERATOR', signatureRequests: [SIGNED] })),
        signedLinkMock('sig-1'),
      ],
    });
    const card = await signatureCard();
    await user.click(within(card).getByRole('checkbox'));
    await user.type(within(card).getByRole('textbox', { name: /^Code reçu par e-mail/ }), '482 913');
    await user.click(signButton(card));

    expect(await within(card).findByText(t.signature.panel.signed)).toBeInTheDocument();
    expect(within(card).getByText(t.signature.statuses.SIGNED)).toBeInTheDocument();
    expect(within(card).getByText('GCH-7K2P-9QXM-4TDA')).toBeInTheDocument();
    expect(within(card).queryByRole('button', { name: /^Signer/ })).toBeNull();
    const download = within(card).getByRole('button', {
      name: t.signature.downloadSignedLabel.replace('{{title}}', PENDING.documentTitle),
    });
    await waitFor(() => expect(download).toHaveFocus());
    await user.click(download);
    await waitFor(() => expect(openFileUrl).toHaveBeenCalledWith('http://localhost/files/signed-documents/acme/sig-1?d=attachment'));
  });

  it('shows and sends the English consent when the page speaks English', async () => {
    const user = userEvent.setup();
    const viewer = buildViewer({ locale: 'EN', memberships: formalitiesViewer().memberships });
    renderApp(URL, {
      viewer,
      locale: 'en',
      mocks: [
        formalityMock(withSignature(), TRANSFER.id, 1),
        signatureLinkMock('sig-1'),
        signMock(PENDING, '482913', { signed: SIGNED }, 'EN'),
        formalityMock(withSignature(SIGNED)),
      ],
    });
    const card = await signatureCard();
    expect(within(card).getByText(CONSENT_EN)).toBeInTheDocument();
    await user.click(within(card).getByRole('checkbox'));
    await user.type(within(card).getByRole('textbox', { name: /^Code received by email/ }), '482913');
    await user.click(within(card).getByRole('button', { name: /^Sign/ }));
    expect(await within(card).findByText(formalitiesEn.signature.panel.signed)).toBeInTheDocument();
  });

  it('declines with a reason the operator will see', async () => {
    const user = userEvent.setup();
    renderApp(URL, {
      viewer: formalitiesViewer(),
      mocks: [
        formalityMock(withSignature(), TRANSFER.id, 1),
        signatureLinkMock('sig-1'),
        declineMock(PENDING, 'L’adresse est erronée.'),
        formalityMock(
          withSignature({
            ...PENDING,
            status: 'DECLINED',
            declinedAt: '2026-03-12T12:00:00.000Z',
            declineReason: 'L’adresse est erronée.',
          }),
        ),
      ],
    });
    const card = await signatureCard();
    await user.click(within(card).getByRole('button', { name: t.signature.panel.decline }));
    const dialog = await screen.findByRole('dialog', { name: t.signature.decline.title.replace('{{title}}', PENDING.documentTitle) });
    await user.click(within(dialog).getByRole('button', { name: t.signature.decline.confirm }));
    expect(within(dialog).getByText(t.signature.decline.reasonRequired)).toBeInTheDocument();
    await user.type(within(dialog).getByRole('textbox', { name: t.signature.decline.reason }), 'L’adresse est erronée.');
    await user.click(within(dialog).getByRole('button', { name: t.signature.decline.confirm }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(within(card).getByText(t.signature.statuses.DECLINED)).toBeInTheDocument();
    expect(within(card).getByText(normalized('Motif : L’adresse est erronée.'))).toBeInTheDocument();
  });
});

describe('Services: a signature seen by someone else', () => {
  it('says who must sign, without the signing form', async () => {
    const other = buildSignature({ id: 'sig-2', isMine: false, signerName: 'Dominique Durand' });
    renderApp(URL, { viewer: formalitiesViewer(), mocks: [formalityMock(withSignature(other))] });
    const card = await signatureCard();
    expect(within(card).getByText('En attente de la signature de Dominique Durand.')).toBeInTheDocument();
    expect(within(card).getByText(t.signature.statuses.PENDING)).toBeInTheDocument();
    expect(within(card).queryByRole('button', { name: /^Signer/ })).toBeNull();
    expect(within(card).queryByTitle(/Document à signer/)).toBeNull();
  });

  it('offers the signed PDF and its verification reference once signed', async () => {
    const user = userEvent.setup();
    renderApp(URL, { viewer: formalitiesViewer(), mocks: [formalityMock(withSignature(SIGNED)), signedLinkMock('sig-1')] });
    const card = await signatureCard();
    expect(within(card).getByText(t.signature.reference)).toBeInTheDocument();
    expect(within(card).getByText('GCH-7K2P-9QXM-4TDA')).toBeInTheDocument();
    expect(within(card).queryByText(t.signature.panel.signed)).toBeNull();
    await user.click(within(card).getByRole('button', { name: /^Télécharger le PDF signé/ }));
    await waitFor(() => expect(openFileUrl).toHaveBeenCalledWith('http://localhost/files/signed-documents/acme/sig-1?d=attachment'));
  });
});
