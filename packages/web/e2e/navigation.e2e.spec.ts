import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { can, type Permission, type Scope } from '@guichet/shared';
import { browserAvailable, launchBrowser, SCREENSHOTS, startProduct, type ProductServer, signIn } from './server';

/** The company sections in navigation order, the permission that opens each, and its French label. */
const SECTIONS: { key: string; permission: Permission; label: string }[] = [
  { key: 'mail', permission: 'mail:read', label: 'Mes courriers' },
  { key: 'invoices', permission: 'invoice:read', label: 'Factures' },
  { key: 'services', permission: 'formality:read', label: 'Services' },
  { key: 'team', permission: 'team:read', label: 'Mon équipe' },
  { key: 'settings', permission: 'company:update', label: 'Paramètres' },
];

const PERSONAS: { name: string; email: string; scopes: Scope[]; staff?: boolean }[] = [
  { name: 'alice', email: 'alice.martin@demo-sas.fr', scopes: ['ADMIN'] },
  { name: 'bruno', email: 'bruno.petit@demo-sas.fr', scopes: ['COURRIER'] },
  { name: 'chloe', email: 'chloe.durand@demo-sas.fr', scopes: ['FACTURATION'] },
  { name: 'david', email: 'david.bernard@demo-sas.fr', scopes: ['FORMALITE'] },
  { name: 'emma', email: 'emma.leroy@autre-sarl.fr', scopes: ['ADMIN'] },
  { name: 'olivia', email: 'olivia.robert@domicile-pro.fr', scopes: [], staff: true },
];

const run = browserAvailable() ? describe : describe.skip;

async function navEntries(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  await nav.waitFor();
  return (await nav.getByRole('link').allInnerTexts()).map((t) => t.trim());
}

run('navigation in Chromium, per persona', () => {
  let server: ProductServer;
  let browser: Browser;

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startProduct();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('prints the demo logins at start', () => {
    for (const p of PERSONAS) expect(server.output()).toContain(p.email);
  });

  it('shows the login page in French with its form', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/some/deep/link`);
    await page.waitForURL((url) => url.pathname === '/login');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Connexion');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'login.png'), fullPage: true });
    await page.close();
  });

  it.each(PERSONAS)('$name sees exactly the sections the matrix allows', async (persona) => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, server.url, persona.email);
    const expected = [
      ...SECTIONS.filter((s) => can(persona.scopes, s.permission)).map((s) => s.label),
      ...(persona.staff ? ['Opérateur'] : []),
    ];
    expect(await navEntries(page)).toEqual(expected);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${persona.name}.png`), fullPage: true });
    await context.close();
  });

  it('shows a clear no-access page, not a broken one, for a section outside the role', async () => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    await signIn(page, server.url, 'bruno.petit@demo-sas.fr');
    const companyPath = new URL(page.url()).pathname.split('/').slice(0, 3).join('/');
    expect(companyPath).toMatch(/^\/c\/[0-9a-f-]{36}$/);
    await page.goto(`${server.url}${companyPath}/team`);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Accès refusé');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'bruno-no-access.png'), fullPage: true });
    // The API refuses the same thing, from the same signed-in page.
    const companyId = companyPath.split('/')[2];
    const res = await page.evaluate(async (id) => {
      const r = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query:
            'mutation($id: ID!) { updateCompany(companyId: $id, input: { name: "X", siret: "91234567800011", address: { line1: "1 rue", postalCode: "75001", city: "Paris" } }) { id } }',
          variables: { id },
        }),
      });
      return (await r.json()) as { errors?: { extensions?: { code?: string } }[] };
    }, companyId);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    await context.close();
  });

  it('refuses a wrong password with a French message and keeps the typed email', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Adresse e-mail').fill('alice.martin@demo-sas.fr');
    await page.getByLabel('Mot de passe', { exact: true }).fill('pas le bon mot de passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('alert').first().innerText()).resolves.toMatch(/incorrect/i);
    expect(await page.getByLabel('Adresse e-mail').inputValue()).toBe('alice.martin@demo-sas.fr');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'login-error.png'), fullPage: true });
    await page.close();
  });
});
