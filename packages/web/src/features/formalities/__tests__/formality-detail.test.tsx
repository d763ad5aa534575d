import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { formalitiesFr } from '@/locales/formalities/fr';
import { fr } from '@/locales/fr';
import { normalized, renderApp } from '@/testing/test-utils';
import { openFileUrl } from '../utils/open-file-url';
import { buildDetails, COMPANY_NAME, documentLinkMock, formalitiesViewer, formalityMock, STATUTES, TRANSFER } from './formality-fixtures';

jest.mock('../utils/open-file-url', () => ({ openFileUrl: jest.fn() }));

const t = formalitiesFr;

const REGULARISATION = buildDetails(
  {
    state: 'REGULARISATION_REQUESTED',
    turn: 'CLIENT',
    dueDate: '2099-05-02',
    reason: 'Le greffe demande l’attestation de domiciliation datée de moins de 3 mois.',
    documents: [
      {
        __typename: 'FormalityDocument',
        id: 'doc-receipt',
        title: 'Récépissé de dépôt',
        deliveredAt: '2026-03-09T10:00:00.000Z',
        size: 125_000,
      },
    ],
    timeline: [
      {
        __typename: 'FormalityEvent',
        id: 'e1',
        kind: 'OPENED',
        at: '2026-03-01T08:00:00.000Z',
        actorName: 'Léa Opératrice',
        byOperator: true,
        detail: STATUTES.title,
        fromState: null,
        toState: 'DRAFT',
      },
      {
        __typename: 'FormalityEvent',
        id: 'e2',
        kind: 'ANSWERED',
        at: '2026-03-03T09:00:00.000Z',
        actorName: 'Camille Martin',
        byOperator: false,
        detail: 'Nouvelle adresse du siège',
        fromState: null,
        toState: null,
      },
      {
        __typename: 'FormalityEvent',
        id: 'e3',
        kind: 'STATE_CHANGED',
        at: '2026-03-10T09:00:00.000Z',
        actorName: 'Léa Opératrice',
        byOperator: true,
        detail: null,
        fromState: 'AWAITING_VALIDATION',
        toState: 'REGULARISATION_REQUESTED',
      },
    ],
  },
  STATUTES,
);

beforeEach(() => {
  jest.mocked(openFileUrl).mockClear();
});

describe('Services: a formality’s page', () => {
  it('says where it stands, whose turn it is, what the register asks, and its tracking number', async () => {
    renderApp(`/c/acme/services/${STATUTES.id}`, { viewer: formalitiesViewer(), mocks: [formalityMock(REGULARISATION)] });
    expect(await screen.findByRole('heading', { level: 1, name: STATUTES.title }, { timeout: 10_000 })).toBeInTheDocument();
    const facts = normalized(document.querySelector('.formality-summary')?.textContent ?? '');
    for (const part of [
      'ÉtatRégularisation demandée',
      'Qui doit agirÀ vous de jouer',
      'TypeModification des statuts',
      'Échéance2 mai 2099',
      'N° de dépôtJ26-000123',
    ]) {
      expect(facts).toContain(part);
    }
    const reason = screen.getByText(REGULARISATION.reason as string).closest('.alert') as HTMLElement;
    expect(within(reason).getByText(t.detail.reason.REGULARISATION_REQUESTED)).toBeInTheDocument();

    // The timeline: what, who, when.
    const timeline = screen.getByRole('list', { name: t.timeline.label });
    const steps = within(timeline).getAllByRole('listitem');
    expect(steps).toHaveLength(3);
    expect(normalized(steps[0]?.textContent ?? '')).toContain('Formalité ouverte');
    expect(normalized(steps[0]?.textContent ?? '')).toContain('Léa Opératrice (opérateur)');
    expect(normalized(steps[1]?.textContent ?? '')).toContain('Réponse envoyéeNouvelle adresse du siègeCamille Martin');
    expect(normalized(steps[2]?.textContent ?? '')).toContain('Nouvel état : Régularisation demandée');
  });

  it('shows a delivered document in the page and downloads it, each through a signed link', async () => {
    const user = userEvent.setup();
    renderApp(`/c/acme/services/${STATUTES.id}`, {
      viewer: formalitiesViewer(),
      mocks: [formalityMock(REGULARISATION), documentLinkMock('doc-receipt', 'INLINE'), documentLinkMock('doc-receipt', 'ATTACHMENT')],
    });
    const view = await screen.findByRole(
      'button',
      { name: t.documents.viewLabel.replace('{{title}}', 'Récépissé de dépôt') },
      { timeout: 10_000 },
    );
    expect(screen.getByText(normalized('Remis le 9 mars 2026 · 125 ko'))).toBeInTheDocument();
    await user.click(view);
    const dialog = await screen.findByRole('dialog', { name: 'Récépissé de dépôt' });
    const frame = await within(dialog).findByTitle(normalized('Aperçu PDF de « Récépissé de dépôt »'));
    expect(frame).toHaveAttribute('src', 'http://localhost/files/formality-documents/acme/doc-receipt?d=inline');
    await user.click(within(dialog).getByRole('button', { name: t.documents.downloadLabel.replace('{{title}}', 'Récépissé de dépôt') }));
    await waitFor(() =>
      expect(openFileUrl).toHaveBeenCalledWith('http://localhost/files/formality-documents/acme/doc-receipt?d=attachment'),
    );
  });

  it('says when the formality of a link cannot be found', async () => {
    renderApp('/c/acme/services/not-a-formality', { viewer: formalitiesViewer(), mocks: [formalityMock(null, 'not-a-formality')] });
    expect(
      await screen.findByText(normalized(t.detail.notFound.replace('{{company}}', COMPANY_NAME)), {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: t.detail.back })).toHaveAttribute('href', '/c/acme/services');
  });

  it('is closed to a member without the Gestion de formalité access', async () => {
    renderApp(`/c/acme/services/${TRANSFER.id}`, { viewer: formalitiesViewer(['FACTURATION']) });
    expect(await screen.findByRole('heading', { level: 1, name: fr.errors.noAccess.title }, { timeout: 10_000 })).toBeInTheDocument();
  });
});
