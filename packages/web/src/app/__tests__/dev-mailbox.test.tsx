import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { devMailboxFr } from '@/locales/dev-mailbox/fr';
import { findPageTitle, renderApp } from '@/testing/test-utils';

const t = devMailboxFr;

function answer(status: number, body: unknown, contentType = 'application/json') {
  return jest
    .spyOn(globalThis, 'fetch')
    .mockResolvedValue(
      new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': contentType } }),
    );
}

const messages = [
  {
    id: 'm2',
    to: 'lea.moreau@exemple.fr',
    subject: 'Alice Martin vous invite à rejoindre Demo SAS sur Guichet',
    kind: 'invitation',
    text: 'Bonjour Léa,\nhttp://localhost/invitation?token=abc',
    html: '<p>Bonjour Léa,</p><a href="http://localhost/invitation?token=abc">Accepter l’invitation</a>',
    status: 'PENDING',
    createdAt: '2030-01-01T09:00:00.000Z',
  },
  {
    id: 'm1',
    to: 'alice.martin@demo-sas.fr',
    subject: 'Réinitialisation du mot de passe',
    kind: 'password_reset',
    text: 'Bonjour',
    html: '<p>Bonjour</p>',
    status: 'SENT',
    createdAt: '2029-12-31T09:00:00.000Z',
  },
];

afterEach(() => jest.restoreAllMocks());

describe('development mailbox', () => {
  it('lists the emails, newest open, its HTML in a sandboxed frame whose links leave the frame', async () => {
    const user = userEvent.setup();
    const fetch = answer(200, messages);
    renderApp('/dev/mailbox?to=lea.moreau@exemple.fr');
    expect(await findPageTitle()).toHaveTextContent(t.title);
    expect(fetch).toHaveBeenCalledWith('/dev-api/mailbox/messages.json?to=lea.moreau%40exemple.fr', expect.anything());
    const first = await screen.findByRole('button', { name: /Alice Martin vous invite/ });
    expect(first).toHaveAttribute('aria-expanded', 'true');
    const frame = screen.getByTitle(/Contenu de l’e-mail/);
    expect(frame.getAttribute('sandbox')).toContain('allow-top-navigation-by-user-activation');
    expect(frame.getAttribute('sandbox')).not.toContain('allow-scripts');
    expect(frame.getAttribute('srcdoc')).toMatch(/^<base target="_top">.*Accepter l’invitation/);
    expect(screen.getByText(/http:\/\/localhost\/invitation\?token=abc/)).toBeInTheDocument();

    const second = screen.getByRole('button', { name: /Réinitialisation du mot de passe/ });
    expect(second).toHaveAttribute('aria-expanded', 'false');
    await user.click(second);
    expect(second).toHaveAttribute('aria-expanded', 'true');
    expect(within(second.closest('li') as HTMLElement).getByTitle(/Contenu de l’e-mail/)).toBeInTheDocument();
  });

  it('says the mailbox is not available outside development', async () => {
    answer(404, { error: 'NOT_FOUND' });
    renderApp('/dev/mailbox');
    expect(await screen.findByText(/La boîte de développement n’est pas disponible/)).toBeInTheDocument();
  });

  it('treats an HTML answer (the SPA served in its place) as not available', async () => {
    answer(200, '<!doctype html><html></html>', 'text/html');
    renderApp('/dev/mailbox');
    expect(await screen.findByText(/La boîte de développement n’est pas disponible/)).toBeInTheDocument();
  });
});
