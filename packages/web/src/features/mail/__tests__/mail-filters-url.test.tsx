import { validationMessage } from '@guichet/shared';
import { configure, act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mailFr } from '@/locales/mail/fr';
import { renderApp } from '@/testing/test-utils';
import { EMPTY_FILTERS, toApiFilter } from '../utils/filters';
import { BANQUE, GREFFE, ITEMS, mailItemsMock, mailViewer, tagsMock, TAG_URGENT, URSSAF } from './mail-fixtures';

// The page is a lazily loaded chunk with several requests: leave room on a busy machine.
configure({ asyncUtilTimeout: 5000 });

const t = mailFr;
/** The page's title, once its lazily loaded chunk is in (the first test of a file compiles it). */
const pageTitle = () => screen.findByRole('heading', { level: 1 }, { timeout: 10_000 });
const rowLinks = () => screen.getAllByRole('rowheader').map((cell) => within(cell).getByRole('link').textContent?.split(',')[0]);

describe('Mes courriers: filters live in the URL', () => {
  it('reads every filter from a shared link and asks the API for exactly that list', async () => {
    const filters = {
      ...EMPTY_FILTERS,
      search: 'urssaf',
      type: 'ADMINISTRATIVE' as const,
      status: 'SCANNED' as const,
      tagIds: [TAG_URGENT.id],
      from: '2026-03-01',
      to: '2026-03-31',
    };
    renderApp(`/c/acme/mail?q=urssaf&type=ADMINISTRATIVE&status=SCANNED&tag=${TAG_URGENT.id}&from=2026-03-01&to=2026-03-31`, {
      viewer: mailViewer(),
      mocks: [tagsMock(), mailItemsMock({ items: [URSSAF], filter: toApiFilter(filters) })],
    });
    expect(await pageTitle()).toHaveTextContent('Mes courriers');
    expect(await screen.findByText('1 courrier')).toBeInTheDocument();
    expect(rowLinks()).toEqual(['URSSAF']);
    expect(screen.getByRole('searchbox', { name: t.filters.search })).toHaveValue('urssaf');
    expect(screen.getByLabelText(t.filters.type)).toHaveValue('ADMINISTRATIVE');
    expect(screen.getByLabelText(t.filters.status)).toHaveValue('SCANNED');
    await waitFor(() => expect(screen.getByLabelText(t.filters.tag)).toHaveValue(TAG_URGENT.id));
    expect(screen.getByLabelText(t.filters.from)).toHaveValue('2026-03-01');
    expect(screen.getByLabelText(t.filters.to)).toHaveValue('2026-03-31');
  });

  it('writes each change to the URL, and the back button brings the previous list back', async () => {
    const user = userEvent.setup();
    const { router } = renderApp('/c/acme/mail', {
      viewer: mailViewer(),
      mocks: [
        tagsMock(),
        mailItemsMock({ items: ITEMS }),
        mailItemsMock({ items: [GREFFE], filter: { type: 'REGISTERED' } }),
        mailItemsMock({ items: [GREFFE], filter: { type: 'REGISTERED', search: 'greffe' } }),
        mailItemsMock({ items: [GREFFE], filter: { type: 'REGISTERED', search: 'greffe', tagIds: [TAG_URGENT.id] } }),
      ],
    });
    expect(await screen.findByText('3 courriers')).toBeInTheDocument();
    expect(rowLinks()).toEqual(['URSSAF', 'Banque Populaire', 'Greffe du Tribunal de commerce']);

    await user.selectOptions(screen.getByLabelText(t.filters.type), 'REGISTERED');
    expect(router.state.location.search).toBe('?type=REGISTERED');
    await waitFor(() => expect(rowLinks()).toEqual(['Greffe du Tribunal de commerce']));

    await user.type(screen.getByRole('searchbox', { name: t.filters.search }), 'greffe');
    await user.click(screen.getByRole('button', { name: t.filters.searchSubmit }));
    expect(router.state.location.search).toBe('?q=greffe&type=REGISTERED');
    await user.selectOptions(screen.getByLabelText(t.filters.tag), TAG_URGENT.id);
    expect(new URLSearchParams(router.state.location.search).getAll('tag')).toEqual([TAG_URGENT.id]);
    expect(await screen.findByText('1 courrier')).toBeInTheDocument();

    // Back, three times: each step restores the previous filters, in the fields and in the list.
    await act(() => router.navigate(-1));
    expect(router.state.location.search).toBe('?q=greffe&type=REGISTERED');
    await waitFor(() => expect(screen.getByLabelText(t.filters.tag)).toHaveValue(''));
    await act(() => router.navigate(-1));
    await waitFor(() => expect(screen.getByRole('searchbox', { name: t.filters.search })).toHaveValue(''));
    await act(() => router.navigate(-1));
    expect(router.state.location.search).toBe('');
    await waitFor(() => expect(rowLinks()).toHaveLength(3));
    expect(screen.getByLabelText(t.filters.type)).toHaveValue('');
  });

  it('says when nothing matches, and clears the filters in one click', async () => {
    const user = userEvent.setup();
    const { router } = renderApp('/c/acme/mail?q=zzz&status=ARCHIVED', {
      viewer: mailViewer(),
      mocks: [
        tagsMock(),
        mailItemsMock({ items: [], filter: { search: 'zzz', status: 'ARCHIVED' } }),
        mailItemsMock({ items: [URSSAF, BANQUE] }),
      ],
    });
    expect(await screen.findByText(t.list.empty)).toBeInTheDocument();
    expect(screen.getByText('0 courrier')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: t.page.exportAll })).toBeDisabled();
    await user.click(within(screen.getByText(t.list.empty).parentElement as HTMLElement).getByRole('button', { name: t.filters.clear }));
    expect(router.state.location.search).toBe('');
    expect(await screen.findByText('2 courriers')).toBeInTheDocument();
  });

  it('refuses a range that ends before it starts: says so on the field, keeps what was typed, changes nothing', async () => {
    const { router } = renderApp('/c/acme/mail?from=2026-03-10', {
      viewer: mailViewer(),
      mocks: [
        tagsMock(),
        mailItemsMock({ items: [URSSAF], filter: toApiFilter({ ...EMPTY_FILTERS, from: '2026-03-10' }) }),
        mailItemsMock({ items: [URSSAF], filter: toApiFilter({ ...EMPTY_FILTERS, from: '2026-03-10', to: '2026-03-31' }) }),
      ],
    });
    expect(await screen.findByText('1 courrier')).toBeInTheDocument();
    const to = screen.getByLabelText(t.filters.to);
    fireEvent.change(to, { target: { value: '2026-03-01' } });
    expect(to).toHaveValue('2026-03-01');
    expect(to).toHaveAttribute('aria-invalid', 'true');
    expect(to).toHaveAccessibleDescription(validationMessage('DATE_RANGE_INVERTED', 'fr'));
    // Neither swapped nor applied: the URL and the list stay as they were.
    expect(router.state.location.search).toBe('?from=2026-03-10');
    expect(screen.getByLabelText(t.filters.from)).toHaveValue('2026-03-10');
    expect(screen.getByText('1 courrier')).toBeInTheDocument();

    // Put right, the range applies and the message goes.
    fireEvent.change(to, { target: { value: '2026-03-31' } });
    await waitFor(() => expect(router.state.location.search).toBe('?from=2026-03-10&to=2026-03-31'));
    expect(screen.getByLabelText(t.filters.to)).toHaveValue('2026-03-31');
    expect(screen.getByLabelText(t.filters.to)).not.toHaveAttribute('aria-invalid');
    expect(await screen.findByText('1 courrier')).toBeInTheDocument();
  });

  it('does not send a backwards range found in a link, and says what is wrong with it', async () => {
    renderApp('/c/acme/mail?from=2026-03-31&to=2026-03-01', {
      viewer: mailViewer(),
      mocks: [tagsMock(), mailItemsMock({ items: ITEMS })],
    });
    expect(await screen.findByText('3 courriers')).toBeInTheDocument();
    expect(screen.getByLabelText(t.filters.to)).toHaveAccessibleDescription(validationMessage('DATE_RANGE_INVERTED', 'fr'));
    expect(screen.getByLabelText(t.filters.to)).toHaveValue('2026-03-01');
  });

  it('keeps the open preview in the URL too, so a link can point at one letter', async () => {
    renderApp(`/c/acme/mail?item=${URSSAF.id}`, {
      viewer: mailViewer(['FACTURATION', 'COURRIER']),
      mocks: [tagsMock(), mailItemsMock({ items: ITEMS })],
    });
    const dialog = await screen.findByRole('dialog', { name: 'Courrier de URSSAF' });
    expect(within(dialog).getByText('Courrier administratif')).toBeInTheDocument();
  });
});
