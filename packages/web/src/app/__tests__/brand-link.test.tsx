import { screen } from '@testing-library/react';
import { fr } from '@/locales/fr';
import { buildMembership, buildViewer } from '@/testing/fixtures';
import { findPageTitle, renderApp } from '@/testing/test-utils';

/**
 * The logo link back home: its accessible name must contain its visible text (WCAG 2.5.3, axe's
 * label-content-name-mismatch), so that someone who says what they see ("click Guichet") reaches it.
 */
function expectNameContainsVisibleText(link: HTMLElement) {
  // The visible text: everything rendered but the decorative mark and the screen-reader-only words.
  const visible = [...link.querySelectorAll<HTMLElement>(':scope > *')]
    .filter((part) => part.getAttribute('aria-hidden') !== 'true' && !part.classList.contains('visually-hidden'))
    .map((part) => part.textContent ?? '')
    .join(' ')
    .trim();
  expect(visible).toBe(fr.app.name);
  // No aria-label overriding the content: the name is computed from what is shown.
  expect(link).not.toHaveAttribute('aria-label');
  expect(link).toHaveAccessibleName(expect.stringContaining(visible));
}

afterEach(() => jest.restoreAllMocks());

describe('the logo link', () => {
  it('in the signed-in shell, is named after what it shows, and says where it goes', async () => {
    renderApp('/c/acme/mail', { viewer: buildViewer({ memberships: [buildMembership(['COURRIER'], { id: 'acme' })] }) });
    await findPageTitle();
    const link = screen.getByRole('link', { name: fr.shell.home });
    expectNameContainsVisibleText(link);
    expect(link).toHaveAttribute('href', '/');
  });

  it('on the pages outside the shell, the same', async () => {
    jest.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('[]', { status: 200, headers: { 'content-type': 'application/json' } }));
    renderApp('/dev/mailbox', { viewer: null });
    await findPageTitle();
    const link = await screen.findByRole('link', { name: fr.shell.home });
    expectNameContainsVisibleText(link);
  });
});
