import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fr } from '@/locales/fr';
import { formalitiesEn } from '@/locales/formalities/en';
import { formalitiesFr } from '@/locales/formalities/fr';
import { buildViewer } from '@/testing/fixtures';
import { normalized, renderApp } from '@/testing/test-utils';
import {
  buildDetails,
  CAPITAL,
  COMPANY_NAME,
  FORMALITIES,
  formalitiesMock,
  formalitiesViewer,
  formalityMock,
  STATUTES,
  TRANSFER,
} from './formality-fixtures';

const t = formalitiesFr;
/** The page's title, once its lazily loaded chunk is in (the first test of a file compiles it). */
const pageTitle = () => screen.findByRole('heading', { level: 1 }, { timeout: 10_000 });
const table = () => screen.getByRole('table', { name: `Formalités de ${COMPANY_NAME}` });
const rowOf = (title: string) => screen.getByRole('rowheader', { name: new RegExp(`^${title}`) }).closest('tr') as HTMLElement;
const titles = () => screen.getAllByRole('rowheader').map((cell) => within(cell).getByRole('link').textContent);

describe('Services: the list of formalities', () => {
  it('shows each formality with its type, state, whose turn it is, due date and last update, the client’s turn first', async () => {
    renderApp('/c/acme/services', { viewer: formalitiesViewer(), mocks: [formalitiesMock({ formalities: FORMALITIES })] });
    expect(await pageTitle()).toHaveTextContent(fr.pages.services.title);
    await screen.findByText('3 formalités');
    expect(screen.getByText(/1 formalité attend une action de votre part/)).toBeInTheDocument();
    expect(
      within(table())
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toEqual(Object.values(t.list.columns));
    expect(titles()).toEqual([TRANSFER.title, STATUTES.title, CAPITAL.title]);

    const transfer = rowOf(TRANSFER.title);
    expect(transfer).toHaveClass('is-client-turn');
    expect(within(transfer).getByText(t.types.TRANSFERT_SIEGE)).toBeInTheDocument();
    expect(within(transfer).getByText(t.states.INFORMATION_REQUESTED)).toBeInTheDocument();
    expect(within(transfer).getByText(t.turns.CLIENT)).toBeInTheDocument();
    expect(normalized(transfer.textContent ?? '')).toContain('15 avr. 2099');
    expect(normalized(transfer.textContent ?? '')).toContain('12 mars 2026');

    const statutes = rowOf(STATUTES.title);
    expect(within(statutes).getByText(normalized(t.turns.OPERATOR))).toBeInTheDocument();
    expect(normalized(statutes.textContent ?? '')).toContain('Dépôt n° J26-000123');

    // Over: no turn, and its old due date no longer matters.
    const capital = rowOf(CAPITAL.title);
    expect(within(capital).getByText(t.turns.OVER)).toBeInTheDocument();
    expect(within(capital).getByText(t.states.COMPLETED)).toBeInTheDocument();
    expect(normalized(capital.textContent ?? '')).not.toContain('1 déc. 2025');
    expect(capital.children[3]).toHaveTextContent('—');
  });

  it('opens a formality’s page from its title, and its back link returns to the same filter', async () => {
    const user = userEvent.setup();
    const { router } = renderApp('/c/acme/services?state=INFORMATION_REQUESTED', {
      viewer: formalitiesViewer(),
      mocks: [formalitiesMock({ formalities: [TRANSFER], filter: { state: 'INFORMATION_REQUESTED' } }), formalityMock(buildDetails())],
    });
    await user.click(await screen.findByRole('link', { name: TRANSFER.title }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/c/acme/services/f-transfer'));
    expect(await screen.findByRole('heading', { level: 1, name: TRANSFER.title })).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: t.detail.back }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/c/acme/services'));
    expect(router.state.location.search).toBe('?state=INFORMATION_REQUESTED');
  });

  it('explains an empty space: where formalities come from, and who gets an email', async () => {
    renderApp('/c/acme/services', { viewer: formalitiesViewer(), mocks: [formalitiesMock({ formalities: [] })] });
    expect(await screen.findByText(t.list.emptyAll)).toBeInTheDocument();
    expect(screen.getByText(normalized(t.list.emptyAllHint.replace('{{company}}', COMPANY_NAME)))).toBeInTheDocument();
    expect(screen.getByText(t.list.emptyAllEmail.replace('{{company}}', COMPANY_NAME))).toBeInTheDocument();
  });

  it('shows cards on a narrow screen, with the same content', async () => {
    const original = window.matchMedia;
    window.matchMedia = ((query: string) => ({
      matches: query.includes('max-width'),
      media: query,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    })) as unknown as typeof window.matchMedia;
    try {
      renderApp('/c/acme/services', { viewer: formalitiesViewer(), mocks: [formalitiesMock({ formalities: FORMALITIES })] });
      const list = await screen.findByRole('list', { name: `Formalités de ${COMPANY_NAME}` });
      expect(screen.queryByRole('table')).toBeNull();
      const cards = within(list).getAllByRole('listitem');
      expect(cards).toHaveLength(3);
      expect(normalized(cards[0]?.textContent ?? '')).toContain('Échéance le 15 avr. 2099');
      expect(within(cards[0] as HTMLElement).getByText(t.turns.CLIENT)).toBeInTheDocument();
    } finally {
      window.matchMedia = original;
    }
  });

  it('speaks English', async () => {
    const viewer = buildViewer({ locale: 'EN', memberships: formalitiesViewer().memberships });
    renderApp('/c/acme/services', { viewer, locale: 'en', mocks: [formalitiesMock({ formalities: FORMALITIES })] });
    await screen.findByText('3 formalities');
    expect(screen.getByRole('table', { name: `Formalities of ${COMPANY_NAME}` })).toBeInTheDocument();
    expect(within(rowOf(TRANSFER.title)).getByText(formalitiesEn.turns.CLIENT)).toBeInTheDocument();
    expect(within(rowOf(TRANSFER.title)).getByText(formalitiesEn.types.TRANSFERT_SIEGE)).toBeInTheDocument();
  });
});

describe('Services: the state filter lives in the URL', () => {
  it('reads the filter of a shared link and asks the API for exactly that list', async () => {
    renderApp('/c/acme/services?state=FILED', {
      viewer: formalitiesViewer(),
      mocks: [formalitiesMock({ formalities: [STATUTES], filter: { state: 'FILED' } })],
    });
    await screen.findByText('1 formalité');
    expect(titles()).toEqual([STATUTES.title]);
    expect(screen.getByLabelText(t.filters.state)).toHaveValue('FILED');
  });

  it('writes each change to the URL; the back button brings the previous list back', async () => {
    const user = userEvent.setup();
    const { router } = renderApp('/c/acme/services', {
      viewer: formalitiesViewer(),
      mocks: [
        formalitiesMock({ formalities: FORMALITIES }),
        formalitiesMock({ formalities: [CAPITAL], filter: { state: 'COMPLETED' } }),
        formalitiesMock({ formalities: [], filter: { state: 'REJECTED' } }),
      ],
    });
    await screen.findByText('3 formalités');
    await user.selectOptions(screen.getByLabelText(t.filters.state), 'COMPLETED');
    expect(router.state.location.search).toBe('?state=COMPLETED');
    await waitFor(() => expect(titles()).toEqual([CAPITAL.title]));

    await user.selectOptions(screen.getByLabelText(t.filters.state), 'REJECTED');
    expect(await screen.findByText(t.list.empty)).toBeInTheDocument();

    await act(() => router.navigate(-1));
    await waitFor(() => expect(screen.getByLabelText(t.filters.state)).toHaveValue('COMPLETED'));
    await waitFor(() => expect(titles()).toEqual([CAPITAL.title]));

    await user.click(screen.getByRole('button', { name: t.filters.clear }));
    expect(router.state.location.search).toBe('');
    await waitFor(() => expect(titles()).toHaveLength(3));
  });

  it('ignores a state the API does not know', async () => {
    renderApp('/c/acme/services?state=LOST', { viewer: formalitiesViewer(), mocks: [formalitiesMock({ formalities: FORMALITIES })] });
    await screen.findByText('3 formalités');
    expect(screen.getByLabelText(t.filters.state)).toHaveValue('');
  });
});
