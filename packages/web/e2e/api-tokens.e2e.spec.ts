import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page, Response } from 'playwright-core';
import { browserAvailable, launchBrowser, SCREENSHOTS, startProduct, type ProductServer, signIn } from './server';

/**
 * API tokens on the built product: Alice (administrator of Demo SAS) creates a token in
 * Paramètres › Accès API, copies its secret from the dialog that shows it once, a program uses it
 * over HTTP (and in the playground), then she revokes it and the very next call is refused.
 * The same pages at 390 px show cards, and the dialogs fit.
 */
const run = browserAvailable() ? describe : describe.skip;

const ALICE = 'alice.martin@demo-sas.fr';
const TOKEN_NAME = 'Intégration comptable';
const CURRENT_TOKEN = '{ currentApiToken { company { id } } }';
const MAIL_QUERY = 'query($id: ID!){ company(id:$id){ mailItems(first: 3){ edges { node { id sender } } } } }';
// The playground is a second build of packages/web, served by the API at /playground.
const PLAYGROUND_BUILT = fs.existsSync(path.resolve(__dirname, '../playground.html'));

interface GraphQLAnswer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

/** A call as an integration makes it: Node's fetch, the token in the Authorization header, no cookie. */
async function callWithToken(
  baseUrl: string,
  secret: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLAnswer> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLAnswer['body'] };
}

/** `/c/<id>` of the page's current company. */
const companyPathOf = (page: Page) => new URL(page.url()).pathname.split('/').slice(0, 3).join('/');

/** Paramètres, once its tokens are loaded (the "Créer un jeton" button comes with them). */
async function settingsLoaded(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Paramètres', exact: true }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Accès API', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Créer un jeton' }).waitFor();
}

/** Fills and sends "Créer un jeton" with a preset; returns the secret read from the dialog that follows. */
async function createToken(page: Page, name: string, preset: string, screenshot?: string): Promise<{ secret: string; dialog: Locator }> {
  await page.getByRole('button', { name: 'Créer un jeton' }).click();
  const form = page.getByRole('dialog', { name: 'Créer un jeton' });
  await form.getByLabel('Nom', { exact: true }).fill(name);
  await form.getByRole('radio', { name: new RegExp(`^${preset}`) }).check();
  await expect(form.getByLabel('Durée de validité').inputValue()).resolves.toBe('90');
  if (screenshot) await page.screenshot({ path: path.join(SCREENSHOTS, screenshot) });
  await form.getByRole('button', { name: 'Créer le jeton' }).click();
  const dialog = page.getByRole('dialog', { name: new RegExp(`^Jeton .+${name}.+ créé$`) });
  const field = dialog.getByLabel('Secret du jeton');
  await field.waitFor();
  return { secret: await field.inputValue(), dialog };
}

/** Replaces the whole content of one of GraphiQL's Monaco editors, as a paste would. */
async function setEditorText(page: Page, editor: Locator, text: string): Promise<void> {
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

run('API tokens in Chromium', () => {
  let server: ProductServer;
  let browser: Browser;
  let context: BrowserContext;
  let alice: Page;
  let companyId: string;
  let secret: string;

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startProduct();
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    alice = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('Alice creates a token with the "Courrier lecture seule" preset and copies its secret, shown once', async () => {
    await signIn(alice, server.url, ALICE);
    companyId = companyPathOf(alice).split('/')[2] ?? '';
    await alice.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Paramètres' }).click();
    await settingsLoaded(alice);
    await alice.getByText('Aucun jeton actif').waitFor();
    expect(await alice.getByRole('link', { name: 'Ouvrir le playground' }).getAttribute('href')).toBe('/playground');

    const created = await createToken(alice, TOKEN_NAME, 'Courrier lecture seule', 'api-tokens-create.png');
    secret = created.secret;
    expect(secret).toMatch(/^gct_[0-9A-Za-z]{38}$/);
    const { dialog } = created;
    await expect(dialog.getByText('Il ne sera plus jamais affiché').count()).resolves.toBe(1);
    await dialog.getByRole('button', { name: 'Copier' }).click();
    await dialog.getByRole('button', { name: 'Copié' }).waitFor();
    await dialog.getByRole('status').filter({ hasText: 'Secret copié dans le presse-papiers.' }).waitFor();
    await expect(alice.evaluate(() => navigator.clipboard.readText())).resolves.toBe(secret);
    await alice.screenshot({ path: path.join(SCREENSHOTS, 'api-tokens-secret.png') });

    // Closing asks nothing; the secret is nowhere in the page any more, only its first characters.
    await dialog.getByRole('button', { name: 'Terminé' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await alice.content()).not.toContain(secret);
    const row = alice.getByRole('row').filter({ has: alice.getByRole('rowheader', { name: new RegExp(`^${TOKEN_NAME}`) }) });
    await expect(row.locator('code').innerText()).resolves.toBe(`${secret.slice(0, 12)}…`);
    const text = await row.innerText();
    for (const part of ['Courrier lecture seule', 'par Alice Martin', 'Jamais utilisé', 'Actif']) expect(text).toContain(part);
  });

  it('a program reads the company and its mail with the token', async () => {
    const current = await callWithToken(server.url, secret, CURRENT_TOKEN);
    expect(current.status).toBe(200);
    expect(current.body.errors).toBeUndefined();
    expect(current.body.data).toEqual({ currentApiToken: { company: { id: companyId } } });

    const mail = await callWithToken(server.url, secret, MAIL_QUERY, { id: companyId });
    expect(mail.status).toBe(200);
    expect(mail.body.errors).toBeUndefined();
    const edges = (mail.body.data as { company: { mailItems: { edges: { node: { id: string; sender: string } }[] } } }).company.mailItems
      .edges;
    expect(edges).toHaveLength(3);
    for (const { node } of edges) expect(node.sender).toEqual(expect.any(String));

    // The page shows the last use, with the address it came from.
    await alice.reload();
    await settingsLoaded(alice);
    const row = alice.getByRole('row').filter({ has: alice.getByRole('rowheader', { name: new RegExp(`^${TOKEN_NAME}`) }) });
    await row.getByText(/^depuis /).waitFor();
    expect(await row.innerText()).not.toContain('Jamais utilisé');
    await alice.screenshot({ path: path.join(SCREENSHOTS, 'api-tokens-list.png'), fullPage: true });
  });

  (PLAYGROUND_BUILT ? it : it.skip)('the token runs a query in the playground, pasted in its headers editor', async () => {
    // A browser with no session: only the token opens the company.
    const anonymous = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1440, height: 900 } });
    const page = await anonymous.newPage();
    await page.goto(`${server.url}/playground`);
    const queryEditor = page.locator('.graphiql-query-editor');
    await queryEditor.locator('.monaco-editor .view-lines').waitFor();
    const headersEditor = page.locator('section[aria-label="Headers"] .graphiql-editor:not(.hidden)');
    await headersEditor.locator('.monaco-editor .view-lines').waitFor();
    await setEditorText(page, headersEditor, JSON.stringify({ Authorization: `Bearer ${secret}` }));
    await setEditorText(
      page,
      queryEditor,
      `{ currentApiToken { name } company(id: "${companyId}") { mailItems(first: 3) { edges { node { id sender } } } } }`,
    );
    // Laid out on several lines (query and headers), as one would read them.
    await page.getByRole('button', { name: /^Prettify query/ }).click();
    await page.waitForFunction(() => (document.querySelector('.graphiql-query-editor .view-lines')?.childElementCount ?? 0) > 1);
    const executed = page.waitForResponse(
      (r: Response) => r.url() === `${server.url}/graphql` && (r.request().postData() ?? '').includes('mailItems'),
    );
    await page.getByRole('button', { name: /^Execute query/ }).click();
    const response = await executed;
    expect((await response.request().allHeaders()).authorization).toBe(`Bearer ${secret}`);
    const body = (await response.json()) as GraphQLAnswer['body'];
    expect(body.errors).toBeUndefined();
    expect(body.data?.currentApiToken).toEqual({ name: TOKEN_NAME });
    await page.waitForFunction(() => document.querySelector('.graphiql-response')?.textContent?.includes('sender') ?? false);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'api-tokens-playground.png') });
    await anonymous.close();
  });

  it('Alice revokes it after a confirmation that says it is immediate and definitive; the next call gets 401', async () => {
    await alice.getByRole('button', { name: `Révoquer ${TOKEN_NAME}` }).click();
    const confirm = alice.getByRole('dialog', { name: new RegExp(`^Révoquer .+${TOKEN_NAME}`) });
    const said = await confirm.innerText();
    expect(said).toContain('cesse de fonctionner immédiatement');
    expect(said).toContain('C’est définitif');
    await confirm.getByRole('button', { name: 'Révoquer le jeton' }).click();
    await alice.getByText(/révoqué.+il ne fonctionne plus/).waitFor();
    await alice.getByText('Aucun jeton actif').waitFor();
    await alice.getByText('Jeton inactif (1)').click();
    const inactive = alice.getByRole('table', { name: /Jetons inactifs/ });
    await inactive.getByRole('rowheader', { name: new RegExp(`^${TOKEN_NAME}`) }).waitFor();
    expect(await inactive.innerText()).toContain('Révoqué');

    const refused = await callWithToken(server.url, secret, CURRENT_TOKEN);
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const mail = await callWithToken(server.url, secret, MAIL_QUERY, { id: companyId });
    expect(mail.status).toBe(401);
    expect(mail.body.data ?? null).toBeNull();
  });

  it('at 390 px the tokens are cards and the dialogs fit the screen', async () => {
    const phone = await browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    await phone.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await phone.newPage();
    await signIn(page, server.url, ALICE);
    await page.goto(`${server.url}/c/${companyId}/settings`);
    await settingsLoaded(page);
    const { dialog } = await createToken(page, 'GED', 'Factures', 'api-tokens-create-390.png');
    const box = await dialog.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'api-tokens-secret-390.png') });
    await dialog.getByRole('button', { name: 'Terminé' }).click();
    await dialog.waitFor({ state: 'detached' });

    const cards = page.getByRole('list', { name: /Jetons actifs/ });
    await cards.getByRole('heading', { level: 3, name: 'GED' }).waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    await page.getByText('Jeton inactif (1)').click();
    await page
      .getByRole('list', { name: /Jetons inactifs/ })
      .getByRole('heading', { name: TOKEN_NAME })
      .waitFor();
    // Nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'api-tokens-list-390.png'), fullPage: true });
    await phone.close();
  });
});
