import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { validationMessage } from '@guichet/shared';
import { formalitiesFr } from '@/locales/formalities/fr';
import { normalized, renderApp } from '@/testing/test-utils';
import { uploadAnswerFile, type UploadOutcome, type UploadProgress } from '../utils/upload-answer-file';
import {
  answerMock,
  buildDetails,
  buildRequest,
  conflictError,
  formalitiesViewer,
  formalityMock,
  TRANSFER,
  validationError,
} from './formality-fixtures';

jest.mock('../utils/upload-answer-file', () => ({
  ...jest.requireActual<typeof import('../utils/upload-answer-file')>('../utils/upload-answer-file'),
  uploadAnswerFile: jest.fn(),
}));

const t = formalitiesFr;
const URL = `/c/acme/services/${TRANSFER.id}`;

const TEXT = buildRequest({ id: 'r-text', kind: 'TEXT', question: 'Nouvelle adresse du siège', dueDate: '2099-04-01' });
const DATE = buildRequest({ id: 'r-date', kind: 'DATE', question: 'Date de la décision' });
const NUMBER = buildRequest({ id: 'r-number', kind: 'NUMBER', question: 'Capital social en euros', required: false });
const CHOICE = buildRequest({
  id: 'r-choice',
  kind: 'CHOICE',
  question: 'Qui a pris la décision ?',
  choices: ['Assemblée générale extraordinaire', 'Associé unique'],
});
const FILE = buildRequest({
  id: 'r-file',
  kind: 'FILE',
  question: 'Procès-verbal de la décision',
  answers: [
    {
      __typename: 'InformationAnswer',
      id: 'a-old',
      value: null,
      fileType: 'application/pdf',
      fileSize: 48_000,
      answeredAt: '2026-03-05T10:00:00.000Z',
      review: 'REJECTED',
      reviewReason: 'Le procès-verbal n’est pas signé.',
      reviewedAt: '2026-03-06T10:00:00.000Z',
    },
  ],
});
const DETAILS = buildDetails({ requests: [TEXT, DATE, NUMBER, CHOICE, FILE] });

/** The card of one request, found by its question (its heading). */
const card = async (question: string) => {
  const heading = await screen.findByRole('heading', { level: 3, name: question }, { timeout: 10_000 });
  return heading.closest('article') as HTMLElement;
};

beforeEach(() => {
  jest.mocked(uploadAnswerFile).mockReset();
});

describe('Services: answering the information requests, each on its own', () => {
  it('saves a text answer; the reloaded request says it is being checked and can still be replaced', async () => {
    const user = userEvent.setup();
    const answered = buildDetails({
      requests: [
        {
          ...TEXT,
          status: 'ANSWERED',
          answers: [
            {
              __typename: 'InformationAnswer',
              id: 'a-text',
              value: '12 rue de la République, 69002 Lyon',
              fileType: null,
              fileSize: null,
              answeredAt: '2026-03-12T11:00:00.000Z',
              review: 'PENDING',
              reviewReason: null,
              reviewedAt: null,
            },
          ],
        },
        DATE,
        NUMBER,
        CHOICE,
        FILE,
      ],
    });
    renderApp(URL, {
      viewer: formalitiesViewer(),
      mocks: [formalityMock(DETAILS, TRANSFER.id, 1), answerMock('r-text', '12 rue de la République, 69002 Lyon'), formalityMock(answered)],
    });
    const text = await card(TEXT.question);
    expect(within(text).getByText(t.requests.statuses.OPEN)).toBeInTheDocument();
    expect(normalized(text.textContent ?? '')).toContain('À fournir avant le 1 avr. 2099');
    const field = within(text).getByRole('textbox', { name: t.requests.answerTo.replace('{{question}}', TEXT.question) });
    await user.type(field, '  12 rue de la République, 69002 Lyon ');
    await user.click(within(text).getByRole('button', { name: /^Enregistrer la réponse/ }));

    expect(await within(text).findByText(normalized(t.requests.saved))).toBeInTheDocument();
    expect(await within(text).findByText(t.requests.statuses.ANSWERED)).toBeInTheDocument();
    expect(within(text).getByText(t.requests.pending)).toBeInTheDocument();
    expect(within(text).getByRole('button', { name: /^Remplacer la réponse/ })).toBeInTheDocument();
    // The history has the answer, waiting to be checked.
    expect(within(text).getByText('Historique des réponses (1)')).toBeInTheDocument();
  });

  it('asks for an answer before saving an empty one (nothing is sent)', async () => {
    const user = userEvent.setup();
    renderApp(URL, { viewer: formalitiesViewer(), mocks: [formalityMock(DETAILS)] });
    const text = await card(TEXT.question);
    await user.click(within(text).getByRole('button', { name: /^Enregistrer la réponse/ }));
    expect(within(text).getByText(t.requests.emptyAnswer)).toBeInTheDocument();
    expect(within(text).getByRole('textbox')).toHaveAttribute('aria-invalid', 'true');
    expect(within(text).getByRole('textbox')).toHaveFocus();
  });

  it('saves a date as the API writes it (YYYY-MM-DD)', async () => {
    const user = userEvent.setup();
    renderApp(URL, { viewer: formalitiesViewer(), mocks: [formalityMock(DETAILS), answerMock('r-date', '2026-03-05')] });
    const date = await card(DATE.question);
    const input = within(date).getByLabelText(normalized(`Votre réponse à « ${DATE.question} »`));
    expect(input).toHaveAttribute('type', 'date');
    fireEvent.change(input, { target: { value: '2026-03-05' } });
    await user.click(within(date).getByRole('button', { name: /^Enregistrer la réponse/ }));
    expect(await within(date).findByText(normalized(t.requests.saved))).toBeInTheDocument();
  });

  it('shows the API’s message under a number it refuses', async () => {
    const user = userEvent.setup();
    renderApp(URL, {
      viewer: formalitiesViewer(),
      mocks: [formalityMock(DETAILS), answerMock('r-number', 'douze', validationError('value', 'FORMALITY_ANSWER_INVALID'))],
    });
    const number = await card(NUMBER.question);
    expect(within(number).getByText(t.requests.optional)).toBeInTheDocument();
    const input = within(number).getByRole('textbox');
    expect(input).toHaveAttribute('inputmode', 'decimal');
    await user.type(input, 'douze');
    await user.click(within(number).getByRole('button', { name: /^Enregistrer la réponse/ }));
    expect(await within(number).findByText(validationMessage('FORMALITY_ANSWER_INVALID', 'fr'))).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(within(number).queryByText(normalized(t.requests.saved))).toBeNull();
  });

  it('saves one of the choices', async () => {
    const user = userEvent.setup();
    renderApp(URL, { viewer: formalitiesViewer(), mocks: [formalityMock(DETAILS), answerMock('r-choice', 'Associé unique')] });
    const choice = await card(CHOICE.question);
    expect(within(choice).getAllByRole('radio')).toHaveLength(2);
    await user.click(within(choice).getByRole('radio', { name: 'Associé unique' }));
    await user.click(within(choice).getByRole('button', { name: /^Enregistrer la réponse/ }));
    expect(await within(choice).findByText(normalized(t.requests.saved))).toBeInTheDocument();
  });

  it('says why an answer cannot change any more', async () => {
    const user = userEvent.setup();
    renderApp(URL, {
      viewer: formalitiesViewer(),
      mocks: [formalityMock(DETAILS), answerMock('r-text', 'Lyon', conflictError('REQUEST_ACCEPTED'))],
    });
    const text = await card(TEXT.question);
    await user.type(within(text).getByRole('textbox'), 'Lyon');
    await user.click(within(text).getByRole('button', { name: /^Enregistrer la réponse/ }));
    expect(
      await within(text).findByText(normalized(`${t.requests.saveFailed} ${t.requests.conflicts.REQUEST_ACCEPTED}`)),
    ).toBeInTheDocument();
  });

  it('keeps a rejected answer in the history with its reason, and asks again', async () => {
    const user = userEvent.setup();
    renderApp(URL, { viewer: formalitiesViewer(), mocks: [formalityMock(DETAILS)] });
    const file = await card(FILE.question);
    expect(
      within(file).getByText(normalized('Votre réponse précédente a été refusée : Le procès-verbal n’est pas signé.')),
    ).toBeInTheDocument();
    await user.click(within(file).getByText('Historique des réponses (1)'));
    expect(within(file).getByText(t.requests.history.reviews.REJECTED)).toBeInTheDocument();
    expect(within(file).getByText(normalized('Fichier PDF, 48 ko'))).toBeInTheDocument();
    expect(within(file).getByText(normalized('Motif : Le procès-verbal n’est pas signé.'))).toBeInTheDocument();
  });

  it('shows the requests without a form to a member who may not answer, and no form once the formality is over', async () => {
    const over = buildDetails({ state: 'CANCELLED', turn: null, requests: [TEXT] });
    renderApp(URL, { viewer: formalitiesViewer(), mocks: [formalityMock(over)] });
    const text = await card(TEXT.question);
    expect(within(text).queryByRole('textbox')).toBeNull();
    expect(within(text).queryByRole('button')).toBeNull();
    expect(screen.getByText(normalized(t.detail.todo.over))).toBeInTheDocument();
  });
});

describe('Services: a file answer', () => {
  const pdf = new File([new Uint8Array(2048)], 'pv-signe.pdf', { type: 'application/pdf' });

  it('uploads with a progress bar, then says it was sent and reloads the request', async () => {
    const user = userEvent.setup();
    let report: ((progress: UploadProgress) => void) | undefined;
    let finish: ((outcome: UploadOutcome) => void) | undefined;
    jest.mocked(uploadAnswerFile).mockImplementation(({ onProgress }) => {
      report = onProgress;
      return new Promise((resolve) => {
        finish = resolve;
      });
    });
    renderApp(URL, { viewer: formalitiesViewer(), mocks: [formalityMock(DETAILS)] });
    const file = await card(FILE.question);
    await user.upload(within(file).getByLabelText(normalized(`Fichier à envoyer pour « ${FILE.question} »`)), pdf);
    expect(within(file).getByText(normalized('pv-signe.pdf (2 ko)'))).toBeInTheDocument();
    await user.click(within(file).getByRole('button', { name: /^Envoyer le fichier/ }));
    expect(uploadAnswerFile).toHaveBeenCalledWith(expect.objectContaining({ companyId: 'acme', requestId: 'r-file', file: pdf }));

    const bar = await within(file).findByRole('progressbar', { name: 'Envoi de pv-signe.pdf' });
    expect(bar).toHaveAttribute('value', '0');
    act(() => report?.({ loaded: 820, total: 2048, percent: 40 }));
    await waitFor(() => expect(bar).toHaveAttribute('value', '40'));
    expect(within(file).getByText(normalized('Envoi en cours : 40 %'))).toBeInTheDocument();
    expect(within(file).getByRole('button', { name: t.upload.cancel })).toBeInTheDocument();

    await act(async () =>
      finish?.({
        ok: true,
        answer: { id: 'a-new', requestId: 'r-file', fileType: 'application/pdf', fileSize: 2048, review: 'PENDING', answeredAt: '' },
      }),
    );
    expect(await within(file).findByText(normalized(t.upload.sent))).toBeInTheDocument();
    expect(within(file).queryByRole('progressbar')).toBeNull();
  });

  it('shows the server’s coded refusal of the file under the picker', async () => {
    const user = userEvent.setup();
    jest.mocked(uploadAnswerFile).mockResolvedValue({
      ok: false,
      kind: 'refused',
      status: 400,
      code: 'VALIDATION_FAILED',
      reason: null,
      message: 'Invalid input',
      fields: [{ field: 'file', code: 'FORMALITY_FILE_INVALID' }],
    });
    renderApp(URL, { viewer: formalitiesViewer(), mocks: [formalityMock(DETAILS)] });
    const file = await card(FILE.question);
    const input = within(file).getByLabelText(normalized(`Fichier à envoyer pour « ${FILE.question} »`));
    await user.upload(input, pdf);
    await user.click(within(file).getByRole('button', { name: /^Envoyer le fichier/ }));
    expect(await within(file).findByText(validationMessage('FORMALITY_FILE_INVALID', 'fr'))).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(within(file).getByText(t.upload.failed)).toBeInTheDocument();
  });

  it('says when the server cannot be reached', async () => {
    const user = userEvent.setup();
    jest.mocked(uploadAnswerFile).mockResolvedValue({ ok: false, kind: 'network', status: 0 });
    renderApp(URL, { viewer: formalitiesViewer(), mocks: [formalityMock(DETAILS)] });
    const file = await card(FILE.question);
    await user.upload(within(file).getByLabelText(normalized(`Fichier à envoyer pour « ${FILE.question} »`)), pdf);
    await user.click(within(file).getByRole('button', { name: /^Envoyer le fichier/ }));
    expect(await within(file).findByText(normalized(`${t.upload.failed} ${t.upload.network}`))).toBeInTheDocument();
  });

  it('refuses a file that is not a PDF, PNG or JPEG before sending it', async () => {
    const user = userEvent.setup({ applyAccept: false });
    renderApp(URL, { viewer: formalitiesViewer(), mocks: [formalityMock(DETAILS)] });
    const file = await card(FILE.question);
    await user.upload(
      within(file).getByLabelText(normalized(`Fichier à envoyer pour « ${FILE.question} »`)),
      new File(['GIF89a'], 'scan.gif', { type: 'image/gif' }),
    );
    expect(within(file).getByText(validationMessage('FORMALITY_FILE_INVALID', 'fr'))).toBeInTheDocument();
    await user.click(within(file).getByRole('button', { name: /^Envoyer le fichier/ }));
    expect(uploadAnswerFile).not.toHaveBeenCalled();
  });
});
