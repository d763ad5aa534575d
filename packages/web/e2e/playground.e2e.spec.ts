import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page, Response } from 'playwright-core';
import { browserAvailable, DEMO_PASSWORD, launchBrowser, SCREENSHOTS, startProduct, type ProductServer } from './server';

const ALICE = 'alice.martin@demo-sas.fr'; // Demo SAS — Administrateur
const QUERY = '{ me { user { email } } }';
// A header typed in the headers editor: it must reach the API and never be stored by the page.
const PROBE_HEADER = 'X-Playground-Probe';
const PROBE_VALUE = 'probe-7f3c9a';

const run = browserAvailable() ? describe : describe.skip;

/** Signs in through the GraphQL login mutation; the session cookie lands in the browser context. */
async function signIn(context: BrowserContext, baseUrl: string, email: string): Promise<void> {
  const res = await context.request.post(`${baseUrl}/graphql`, {
    headers: { 'content-type': 'application/json' },
    data: {
      query: 'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { user { email } } }',
      variables: { email, password: DEMO_PASSWORD },
    },
  });
  const body = (await res.json()) as { data?: { login?: { user?: { email?: string } } }; errors?: unknown };
  expect(body.errors).toBeUndefined();
  expect(body.data?.login?.user?.email).toBe(email);
}

/** Replaces the whole content of one of GraphiQL's Monaco editors. */
async function setEditorText(page: Page, editor: Locator, text: string): Promise<void> {
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  // Inserted as one input (as a paste would be): no auto-closed brackets or quotes.
  await page.keyboard.insertText(text);
}

run('API playground (/playground) in Chromium', () => {
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

  it('runs a query with the session cookie and pasted headers, talks only to its own origin, under its own CSP', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1440, height: 900 } });
    await signIn(context, server.url, ALICE);
    const page = await context.newPage();

    const requests: string[] = [];
    const failed: string[] = [];
    const consoleErrors: string[] = [];
    const workers: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('requestfailed', (request) => failed.push(`${request.url()}: ${request.failure()?.errorText}`));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
    page.on('worker', (worker) => workers.push(worker.url()));

    const response = await page.goto(`${server.url}/playground`);
    expect(response?.status()).toBe(200);
    const headers = response?.headers() ?? {};
    const csp = headers['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(headers['cache-control']).toBe('no-cache');
    expect(headers['content-type']).toMatch(/^text\/html/);

    expect(await page.title()).toBe('Guichet — API playground');
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Guichet — API playground');
    const hint = await page.locator('.playground__hint').innerText();
    expect(hint).toContain('Paramètres › Accès API');
    expect(hint).toContain('Settings › API access');
    expect(await page.getByRole('link', { name: 'Documentation' }).getAttribute('href')).toBe('/');

    // The editors (Monaco) are up, and the schema is loaded (the docs button is enabled by it).
    const queryEditor = page.locator('.graphiql-query-editor');
    await queryEditor.locator('.monaco-editor .view-lines').waitFor();
    // The headers editor is open beside the (hidden) variables editor.
    const headersEditor = page.locator('section[aria-label="Headers"] .graphiql-editor:not(.hidden)');
    await headersEditor.locator('.monaco-editor .view-lines').waitFor();

    await setEditorText(page, headersEditor, `{"${PROBE_HEADER}": "${PROBE_VALUE}"}`);
    await setEditorText(page, queryEditor, QUERY);
    // GraphiQL reads the operation (name, tab title) from the editor after a short debounce.
    await page.waitForFunction(() => document.querySelector('#graphiql-session-tab-0')?.getAttribute('title') === '<untitled>');

    const executed = page.waitForResponse(
      (r: Response) =>
        r.url() === `${server.url}/graphql` && r.request().method() === 'POST' && (r.request().postData() ?? '').includes('email'),
    );
    await page.getByRole('button', { name: /^Execute query/ }).click();
    const graphqlResponse = await executed;
    const sent = graphqlResponse.request();
    expect(JSON.parse(sent.postData() ?? '{}')).toMatchObject({ query: QUERY });
    const sentHeaders = await sent.allHeaders();
    expect(sentHeaders[PROBE_HEADER.toLowerCase()]).toBe(PROBE_VALUE);
    expect(sentHeaders['content-type']).toBe('application/json');
    expect(await graphqlResponse.json()).toEqual({ data: { me: { user: { email: ALICE } } } });

    // The result pane shows it.
    await page.waitForFunction((email) => document.querySelector('.graphiql-response')?.textContent?.includes(email) ?? false, ALICE);

    // The query is kept (tabs, history) but the headers never reach localStorage.
    const stored = await page.evaluate(() => JSON.stringify(Object.entries(window.localStorage)));
    expect(stored).toContain('email');
    expect(stored).not.toContain(PROBE_VALUE);

    // The explorer plugin lists the schema's root fields.
    await page.getByRole('button', { name: 'Show GraphiQL Explorer' }).click();
    const explorer = page.locator('.graphiql-explorer-root');
    await explorer.getByText('company', { exact: true }).first().waitFor();
    await explorer.getByText('me', { exact: true }).first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'playground.png') });

    // The documentation explorer shows the root types and the field descriptions.
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByText('Root Types').waitFor();
    await docs
      .locator('a.graphiql-doc-explorer-type-name', { hasText: /^Query$/ })
      .first()
      .click();
    await docs
      .locator('a.graphiql-doc-explorer-field-name', { hasText: /^company$/ })
      .first()
      .waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'playground-docs.png') });

    // Monaco's language workers came from this server's bundle.
    expect(workers.some((url) => /\/assets\/graphql\.worker-[\w-]+\.js$/.test(url))).toBe(true);

    // Nothing left the server's origin (data: and blob: URLs are local to the page).
    const origin = new URL(server.url).origin;
    const foreign = requests.filter((url) => !/^(data|blob):/.test(url) && new URL(url).origin !== origin);
    expect(foreign).toEqual([]);
    expect(requests.length).toBeGreaterThan(0);
    expect(failed).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('does not let the SPA take over /playground, and serves it to a signed-out visitor too', async () => {
    const res = await fetch(`${server.url}/playground`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<title>Guichet — API playground</title>');
    // No inline script: every script is a same-origin file.
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toMatch(/\bsrc="\/assets\/[^"]+\.js"/);
  });
});
