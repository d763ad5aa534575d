import type { MockLink } from '@apollo/client/testing';
import { validationMessage } from '@guichet/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fr } from '@/locales/fr';
import { operatorFormalitiesFr } from '@/locales/operator-formalities/fr';
import { buildViewer } from '@/testing/fixtures';
import { normalized, renderApp, waitForPath } from '@/testing/test-utils';
import { MoveFormalityDocument, OpenFormalityDocument, ReviewAnswerDocument } from '../api/formalities/generated';
import {
  buildAnswer,
  buildFormality,
  buildRequest,
  buildSummary,
  COMPANY_ID,
  COMPANY_NAME,
  companyMock,
  conflict,
  FORMALITY_ID,
  formalityMock,
  listMock,
  staff,
} from './formalities-fixtures';

const t = operatorFormalitiesFr;

async function openFormalityPage(mocks: MockLink.MockedResponse[]) {
  const user = userEvent.setup();
  const view = renderApp(`/operator/formalities/${COMPANY_ID}/${FORMALITY_ID}`, { viewer: staff, mocks });
  await screen.findByRole('heading', { level: 1, name: 'Transfert du siège à Lyon' }, { timeout: 10_000 });
  return { user, ...view };
}

describe('operator: a company’s formalities', () => {
  it('keeps the pages to staff', async () => {
    renderApp(`/operator/formalities/${COMPANY_ID}`, { viewer: buildViewer({ isStaff: false }) });
    expect(await screen.findByRole('heading', { level: 1 }, { timeout: 10_000 })).toHaveTextContent(fr.errors.noAccess.title);
  });

  it('lists them with their state and whose turn it is', async () => {
    renderApp(`/operator/formalities/${COMPANY_ID}`, {
      viewer: staff,
      mocks: [
        companyMock(),
        listMock([
          buildSummary({ state: 'INFORMATION_REQUESTED', turn: 'CLIENT', dueDate: '2026-11-30' }),
          buildSummary({ id: 'formality-2', title: 'Nouveaux statuts', type: 'MODIFICATION_STATUTS', state: 'COMPLETED', turn: null }),
        ]),
      ],
    });
    await screen.findByRole('heading', { level: 1, name: `Formalités de ${COMPANY_NAME}` }, { timeout: 10_000 });
    const first = (await screen.findByRole('link', { name: 'Transfert du siège à Lyon' })).closest('tr') as HTMLElement;
    expect(first).toHaveTextContent(t.labels.types.TRANSFERT_SIEGE);
    expect(first).toHaveTextContent(t.labels.states.INFORMATION_REQUESTED);
    expect(first).toHaveTextContent(t.labels.turns.CLIENT);
    expect(first).toHaveTextContent('30 nov. 2026');
    const second = screen.getByRole('link', { name: 'Nouveaux statuts' }).closest('tr') as HTMLElement;
    expect(second).toHaveTextContent(t.labels.states.COMPLETED);
    expect(second).toHaveTextContent(t.labels.turns.none);
    expect(screen.getByRole('link', { name: 'Transfert du siège à Lyon' })).toHaveAttribute(
      'href',
      `/operator/formalities/${COMPANY_ID}/${FORMALITY_ID}`,
    );
  });

  it('opens a formality of the chosen type and goes to it', async () => {
    const user = userEvent.setup();
    const opened = buildSummary({ id: 'formality-9', title: 'Changement de président', type: 'CHANGEMENT_DIRIGEANT', state: 'DRAFT' });
    const { router } = renderApp(`/operator/formalities/${COMPANY_ID}`, {
      viewer: staff,
      mocks: [
        companyMock(),
        listMock([]),
        {
          request: {
            query: OpenFormalityDocument,
            variables: { companyId: COMPANY_ID, type: 'CHANGEMENT_DIRIGEANT', title: 'Changement de président' },
          },
          result: { data: { openFormality: opened } },
        },
        formalityMock(buildFormality({ ...opened, nextStates: ['INFORMATION_REQUESTED', 'UNDER_REVIEW', 'CANCELLED'] })),
      ],
    });
    await screen.findByRole('heading', { level: 1, name: `Formalités de ${COMPANY_NAME}` }, { timeout: 10_000 });
    expect(await screen.findByText(t.company.empty)).toBeInTheDocument();
    const form = screen.getByRole('region', { name: t.open.legend });
    // A title is required before anything is sent.
    await user.click(within(form).getByRole('button', { name: t.open.submit }));
    const title = within(form).getByLabelText(t.open.title, { exact: false });
    expect(title).toHaveFocus();
    expect(within(form).getByText(validationMessage('FORMALITY_TITLE_REQUIRED', 'fr'))).toBeInTheDocument();
    await user.selectOptions(within(form).getByLabelText(t.open.type), t.labels.types.CHANGEMENT_DIRIGEANT);
    await user.type(title, '  Changement de président ');
    await user.click(within(form).getByRole('button', { name: t.open.submit }));
    await waitForPath(router, `/operator/formalities/${COMPANY_ID}/formality-9`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Changement de président' })).toBeInTheDocument();
    expect(screen.getByText(normalized('Formalité « Changement de président » ouverte.'))).toBeInTheDocument();
    expect(screen.getByRole('button', { name: t.move.actions.INFORMATION_REQUESTED })).toBeInTheDocument();
  });
});

describe('operator: moving a formality', () => {
  it('asks for the register’s tracking number to record a filing', async () => {
    const formality = buildFormality();
    const filed = buildFormality({ state: 'FILED', turn: 'OPERATOR', trackingNumber: 'J00012345678', nextStates: ['AWAITING_VALIDATION'] });
    const { user } = await openFormalityPage([
      companyMock(),
      formalityMock(formality),
      {
        request: {
          query: MoveFormalityDocument,
          variables: { formalityId: FORMALITY_ID, to: 'FILED', input: { trackingNumber: 'J00012345678', dueDate: '2026-12-15' } },
        },
        result: { data: { moveFormality: filed } },
      },
    ]);
    const facts = screen.getByRole('region', { name: t.detail.facts });
    expect(facts).toHaveTextContent(t.labels.states.UNDER_REVIEW);
    expect(facts).toHaveTextContent(t.labels.turns.OPERATOR);
    await user.click(screen.getByRole('button', { name: t.move.actions.FILED }));
    const dialog = await screen.findByRole('dialog', { name: t.move.actions.FILED });
    // No reason is asked for a filing.
    expect(within(dialog).queryByLabelText(t.move.reason, { exact: false })).toBeNull();
    const tracking = within(dialog).getByLabelText(t.move.trackingNumber, { exact: false });
    await user.click(within(dialog).getByRole('button', { name: t.move.submit }));
    expect(tracking).toHaveFocus();
    expect(tracking).toHaveAccessibleDescription(expect.stringContaining(validationMessage('FORMALITY_TRACKING_NUMBER_REQUIRED', 'fr')));
    await user.type(tracking, 'J00012345678');
    await user.type(within(dialog).getByLabelText(t.move.dueDate, { exact: false }), '2026-12-15');
    await user.click(within(dialog).getByRole('button', { name: t.move.submit }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText(normalized('La formalité est passée à l’état « Déposée au registre ».'))).toBeInTheDocument();
    expect(facts).toHaveTextContent('J00012345678');
    expect(screen.getByRole('button', { name: t.move.actions.AWAITING_VALIDATION })).toBeInTheDocument();
  });

  it('asks for a reason to record a rejection, and says why the API refused the move', async () => {
    const formality = buildFormality({
      state: 'AWAITING_VALIDATION',
      trackingNumber: 'J00012345678',
      nextStates: ['COMPLETED', 'REGULARISATION_REQUESTED', 'REJECTED'],
    });
    const reason = 'Le greffe refuse : la domiciliation n’est pas justifiée.';
    const { user } = await openFormalityPage([
      companyMock(),
      formalityMock(formality),
      {
        request: { query: MoveFormalityDocument, variables: { formalityId: FORMALITY_ID, to: 'REJECTED', input: { reason } } },
        result: conflict('INVALID_TRANSITION', { from: 'COMPLETED', to: 'REJECTED' }),
      },
      // The page reloads the formality, which another operator completed meanwhile.
      formalityMock({ ...formality, state: 'COMPLETED', turn: null, nextStates: [] }),
    ]);
    await user.click(screen.getByRole('button', { name: t.move.actions.REJECTED }));
    const dialog = await screen.findByRole('dialog', { name: t.move.actions.REJECTED });
    expect(within(dialog).queryByLabelText(t.move.trackingNumber, { exact: false })).toBeNull();
    const field = within(dialog).getByLabelText(t.move.reason, { exact: false });
    await user.click(within(dialog).getByRole('button', { name: t.move.submit }));
    expect(field).toHaveFocus();
    expect(within(dialog).getByText(validationMessage('FORMALITY_REASON_REQUIRED', 'fr'))).toBeInTheDocument();
    await user.type(field, reason);
    await user.click(within(dialog).getByRole('button', { name: t.move.submit }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(normalized(`${t.move.failed} ${t.conflicts.INVALID_TRANSITION}`));
    expect(field).toHaveValue(reason);
    await user.click(within(dialog).getByRole('button', { name: fr.form.cancel }));
    await waitFor(() => expect(screen.getByRole('region', { name: t.detail.facts })).toHaveTextContent(t.labels.states.COMPLETED));
    expect(screen.getByText(normalized(t.move.over))).toBeInTheDocument();
  });
});

describe('operator: reviewing answers', () => {
  it('rejects an answer only with a reason, and accepts another', async () => {
    const address = buildRequest();
    const statuts = buildRequest({
      id: 'request-2',
      kind: 'FILE',
      question: 'Statuts mis à jour',
      answers: [buildAnswer({ id: 'answer-2', value: null, fileType: 'application/pdf', fileSize: 48_000 })],
    });
    const formality = buildFormality({ requests: [address, statuts] });
    const reason = 'Il manque le code postal du nouveau siège.';
    const afterReject = buildFormality({
      requests: [
        {
          ...address,
          status: 'OPEN',
          answers: [buildAnswer({ review: 'REJECTED', reviewReason: reason, reviewedAt: '2026-11-05T15:00:00.000Z' })],
        },
        statuts,
      ],
    });
    const afterAccept = buildFormality({
      requests: [
        afterReject.requests[0]!,
        {
          ...statuts,
          status: 'ACCEPTED',
          answers: [{ ...statuts.answers[0]!, review: 'ACCEPTED', reviewedAt: '2026-11-05T15:05:00.000Z' }],
        },
      ],
    });
    const { user } = await openFormalityPage([
      companyMock(),
      formalityMock(formality),
      {
        request: { query: ReviewAnswerDocument, variables: { answerId: 'answer-1', accept: false, reason } },
        result: {
          data: {
            reviewAnswer: {
              __typename: 'InformationAnswer',
              id: 'answer-1',
              review: 'REJECTED',
              reviewReason: reason,
              reviewedAt: '2026-11-05T15:00:00.000Z',
            },
          },
        },
      },
      formalityMock(afterReject),
      {
        request: { query: ReviewAnswerDocument, variables: { answerId: 'answer-2', accept: true, reason: null } },
        result: {
          data: {
            reviewAnswer: {
              __typename: 'InformationAnswer',
              id: 'answer-2',
              review: 'ACCEPTED',
              reviewReason: null,
              reviewedAt: '2026-11-05T15:05:00.000Z',
            },
          },
        },
      },
      formalityMock(afterAccept),
    ]);
    const requests = screen.getByRole('region', { name: t.requests.title });
    expect(within(requests).getByText('12 rue de la République, 69002 Lyon')).toBeInTheDocument();
    expect(within(requests).getByText(/^Fichier PDF, 48/)).toBeInTheDocument();

    await user.click(
      within(requests).getByRole('button', { name: t.requests.rejectLabel.replace('{{question}}', 'Adresse du nouveau siège') }),
    );
    const dialog = await screen.findByRole('dialog', { name: t.requests.rejectTitle });
    const field = within(dialog).getByLabelText(t.requests.rejectReason, { exact: false });
    expect(field).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: t.requests.rejectSubmit }));
    expect(within(dialog).getByText(validationMessage('FORMALITY_REASON_REQUIRED', 'fr'))).toBeInTheDocument();
    expect(field).toHaveFocus();
    await user.type(field, reason);
    await user.click(within(dialog).getByRole('button', { name: t.requests.rejectSubmit }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText(normalized(t.requests.rejected))).toBeInTheDocument();
    expect(await within(requests).findByText(normalized(`Motif du refus : ${reason}`))).toBeInTheDocument();

    await user.click(within(requests).getByRole('button', { name: t.requests.acceptLabel.replace('{{question}}', 'Statuts mis à jour') }));
    expect(await screen.findByText(t.requests.accepted)).toBeInTheDocument();
    await waitFor(() => expect(within(requests).queryByRole('button', { name: /^Accepter/ })).toBeNull());
  });
});
