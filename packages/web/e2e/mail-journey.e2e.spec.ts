import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { open as openZip, type Entry } from 'yauzl';
import { browserAvailable, launchBrowser, SCREENSHOTS, startProduct, type ProductServer, signedInPage as signIn } from './server';

const BRUNO = 'bruno.petit@demo-sas.fr'; // Demo SAS — Gestion de courrier
const CHLOE = 'chloe.durand@demo-sas.fr'; // Demo SAS — Facturation
const OLIVIA = 'olivia.robert@domicile-pro.fr'; // staff

const run = browserAvailable() ? describe : describe.skip;

/** The "128 courriers" figure of the list. */
async function totalCount(page: Page): Promise<number> {
  const text = await page.locator('.mail-toolbar__count strong').innerText();
  const match = /^(\d+) courriers?$/.exec(text.trim());
  if (!match) throw new Error(`unexpected count: ${text}`);
  return Number(match[1]);
}

interface ZipEntry {
  name: string;
  data: Buffer;
}

function readZip(file: string): Promise<ZipEntry[]> {
  return new Promise((resolve, reject) => {
    openZip(file, { lazyEntries: true }, (openError, zip) => {
      if (openError || !zip) return reject(openError ?? new Error('no zip'));
      const entries: ZipEntry[] = [];
      zip.on('entry', (entry: Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.push({ name: entry.fileName, data: Buffer.concat(chunks) });
            zip.readEntry();
          });
          stream.on('error', reject);
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

run('Mes courriers and the operator’s mail pages, in Chromium', () => {
  let server: ProductServer;
  let browser: Browser;
  let bruno: BrowserContext;
  let brunoPage: Page;
  let companyPath = '';
  /** A signed link to one of Bruno's letters, as the preview frame got it. */
  let signedUrl = '';
  /** A real scan, downloaded by Bruno, that Olivia uploads again. */
  let downloadedPdf = '';

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startProduct();
    browser = await launchBrowser();
    bruno = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  });
  afterAll(async () => {
    await bruno?.close();
    await browser?.close();
    await server?.stop();
  });

  it('Bruno lands on Mes courriers and filters by a tag; the filter is in the URL', async () => {
    brunoPage = await signIn(bruno, server.url, BRUNO);
    const page = brunoPage;
    await page.waitForURL((url) => /^\/c\/[0-9a-f-]{36}\/mail$/.test(url.pathname));
    companyPath = new URL(page.url()).pathname.replace(/\/mail$/, '');
    await page.getByRole('heading', { level: 1, name: 'Mes courriers' }).waitFor();
    await page.locator('.mail-toolbar__count strong').waitFor();
    const all = await totalCount(page);
    expect(all).toBeGreaterThan(25);
    // Pages of 25 over the cursor; "Charger plus" brings the rest and moves focus to the first new letter.
    expect(await page.locator('table tbody tr').count()).toBe(25);
    await page.getByRole('button', { name: 'Charger plus' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('table tbody tr').length === n, Math.min(all, 50));
    await page.waitForFunction(() => document.activeElement?.closest('tr')?.rowIndex === 26);

    await page.getByLabel('Étiquette').selectOption({ label: 'Fournisseurs' });
    await page.waitForURL((url) => url.searchParams.has('tag'));
    await page.waitForFunction((before) => {
      const text = document.querySelector('.mail-toolbar__count strong')?.textContent ?? '';
      return text !== '' && !text.startsWith(`${before} `);
    }, all);
    const filtered = await totalCount(page);
    expect(filtered).toBeGreaterThan(1);
    expect(filtered).toBeLessThan(all);
    const rows = page.locator('table tbody tr');
    expect(await rows.count()).toBe(filtered);
    for (const text of await rows.allInnerTexts()) expect(text).toContain('Fournisseurs');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'mail-list.png'), fullPage: true });

    // A reload keeps the filter (it lives in the URL).
    await page.reload();
    await page.locator('.mail-toolbar__count strong').waitFor();
    expect(await totalCount(page)).toBe(filtered);
  });

  it('opens a letter’s preview: the PDF is shown in the page from a signed link', async () => {
    const page = brunoPage;
    await page.getByRole('rowheader').first().getByRole('link').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.getByRole('heading', { level: 2 }).innerText()).toMatch(/^Courrier de /);
    const frame = dialog.locator('iframe');
    await frame.waitFor();
    signedUrl = (await frame.getAttribute('src')) ?? '';
    expect(signedUrl).toContain('/files/mail/');
    expect(await frame.getAttribute('title')).toMatch(/^Aperçu PDF du courrier de /);
    const res = await page.request.get(signedUrl);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    expect((await res.body()).subarray(0, 4).toString()).toBe('%PDF');
    await page.waitForTimeout(1000); // the PDF viewer paints
    await page.screenshot({ path: path.join(SCREENSHOTS, 'mail-preview.png') });
  });

  it('downloads the letter (a PDF file)', async () => {
    const page = brunoPage;
    const dialog = page.getByRole('dialog');
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: /^Télécharger/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    downloadedPdf = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-pdf-')), download.suggestedFilename());
    await download.saveAs(downloadedPdf);
    expect(fs.readFileSync(downloadedPdf).subarray(0, 5).toString()).toBe('%PDF-');
    await dialog.getByText('Le téléchargement du PDF commence.').waitFor();
    await page.keyboard.press('Escape');
    await page.waitForURL((url) => !url.searchParams.has('item'));
  });

  it('exports the current filter as a ZIP of the PDFs with a manifest.csv', async () => {
    const page = brunoPage;
    const expected = await totalCount(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter tout' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^courrier_demo-sas_\d{4}-\d{2}-\d{2}\.zip$/);
    const file = await download.path();
    const entries = await readZip(file);
    const pdfs = entries.filter((entry) => entry.name.endsWith('.pdf'));
    expect(pdfs).toHaveLength(expected);
    for (const pdf of pdfs) expect(pdf.data.subarray(0, 5).toString()).toBe('%PDF-');
    const manifest = entries.find((entry) => entry.name === 'manifest.csv');
    expect(manifest).toBeDefined();
    const lines = (manifest?.data.toString('utf8') ?? '').trim().split(/\r\n/);
    expect(lines[0]).toContain('Expéditeur');
    expect(lines).toHaveLength(expected + 1);
    for (const line of lines.slice(1)) expect(line).toContain('Fournisseurs');
    expect(await page.getByText(`Export de ${expected} courriers`).count()).toBe(1);
  });

  it('orders a forwarding of two letters, then sees its status', async () => {
    const page = brunoPage;
    const scanned = page.locator('table tbody tr').filter({ has: page.getByText('Numérisé', { exact: true }) });
    expect(await scanned.count()).toBeGreaterThanOrEqual(2);
    await scanned.nth(0).getByRole('checkbox').check();
    await scanned.nth(1).getByRole('checkbox').check();
    await page.getByRole('group', { name: 'Actions sur la sélection' }).getByText('2 courriers sélectionnés').waitFor();
    await page.getByRole('button', { name: 'Réexpédier…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Réexpédier 2 courriers' });
    await dialog.getByLabel('Adresse', { exact: true }).waitFor();
    expect(await dialog.getByLabel('Adresse', { exact: true }).inputValue()).not.toBe('');
    expect(await dialog.getByLabel('Code postal').inputValue()).toMatch(/^\d{5}$/);
    await dialog.getByLabel('Complément d’adresse (facultatif)').fill('À l’attention de Bruno Petit');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'mail-forwarding.png') });
    await dialog.getByRole('button', { name: 'Demander la réexpédition' }).dblclick();
    await page.getByText('Réexpédition demandée pour 2 courriers.').waitFor();

    await page.getByRole('button', { name: 'Voir les réexpéditions' }).click();
    await page.waitForURL((url) => url.searchParams.get('tab') === 'forwarding');
    const table = page.getByRole('table', { name: /Demandes de réexpédition/ });
    await table.waitFor();
    const rows = table.locator('tbody tr');
    // The seed has one request already sent; the double click made one more, not two.
    expect(await rows.count()).toBe(2);
    const first = rows.first();
    expect(await first.innerText()).toContain('2 courriers');
    expect(await first.innerText()).toContain('À l’attention de Bruno Petit');
    await first.getByText('Demandée', { exact: true }).waitFor();
    await first.getByRole('button', { name: /^Annuler la demande de réexpédition du/ }).waitFor();
    expect(await rows.nth(1).getByText('Envoyée', { exact: true }).count()).toBe(1);
  });

  it('Chloé (Facturation) can reach neither the page nor the API’s mail operations', async () => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await signIn(context, server.url, CHLOE);
    await page.goto(`${server.url}${companyPath}/mail`);
    await page.getByRole('heading', { level: 1, name: 'Accès refusé' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link').allInnerTexts()).not.toContain(
      'Mes courriers',
    );
    // The API refuses her the mail operations too.
    const companyId = companyPath.split('/')[2];
    const answer = await page.evaluate(async (id) => {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation($c: ID!) { createMailExport(companyId: $c) { url } }', variables: { c: id } }),
      });
      return (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    }, companyId);
    expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    await context.close();
  });

  it('a signed link copied from Bruno’s page does not open in Chloé’s session', async () => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await signIn(context, server.url, CHLOE);
    const res = await page.request.get(signedUrl);
    expect([403, 404]).toContain(res.status());
    expect(res.headers()['content-type']).not.toBe('application/pdf');
    await context.close();
  });

  it('Olivia (staff) uploads a PDF for Demo SAS and sees it OK, then marks Bruno’s forwarding as sent', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    const page = await signIn(context, server.url, OLIVIA);
    await page.waitForURL((url) => url.pathname === '/operator');
    await page.getByRole('navigation', { name: 'Outils opérateur' }).getByRole('link', { name: 'Déposer des courriers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Déposer des courriers' }).waitFor();
    await page.getByRole('searchbox', { name: 'Rechercher une entreprise' }).fill('Demo');
    await page
      .getByRole('list', { name: 'Entreprises trouvées' })
      .getByRole('button', { name: /Demo SAS/ })
      .click();
    await page.getByText('Courriers pour').waitFor();
    await page.getByLabel('Choisir des fichiers PDF').setInputFiles({
      name: 'caf-2026.pdf',
      mimeType: 'application/pdf',
      buffer: fs.readFileSync(downloadedPdf),
    });
    const row = page.getByRole('group', { name: /caf-2026\.pdf/ });
    await row.getByLabel('Expéditeur').fill('Caisse d’allocations familiales');
    await row.getByLabel('Type').selectOption({ label: 'Courrier administratif' });
    await page.getByRole('button', { name: 'Déposer 1 courrier' }).click();
    await row.getByText(/^Déposé\s:\s\d+ pages?$/).waitFor();
    await page.getByText('1 courrier déposé.').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'operator-upload.png'), fullPage: true });

    await page.getByRole('navigation', { name: 'Outils opérateur' }).getByRole('link', { name: 'File de réexpédition' }).click();
    const queue = page.getByRole('table', { name: /Demandes de réexpédition : À envoyer/ });
    await queue.waitFor();
    const request = queue.locator('tbody tr').filter({ hasText: 'Demo SAS' }).filter({ hasText: 'Bruno Petit' });
    expect(await request.innerText()).toContain('À l’attention de Bruno Petit');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'operator-queue.png'), fullPage: true });
    await request.getByRole('button', { name: /^Marquer comme envoyée/ }).click();
    await page
      .getByRole('dialog', { name: /^Confirmer l’envoi/ })
      .getByRole('button', { name: 'Confirmer l’envoi' })
      .click();
    await page.getByText('Demande de Demo SAS marquée comme envoyée.').waitFor();
    await page.getByText('Aucune demande à traiter.').waitFor();
    await context.close();
  });

  it('Bruno then finds the new letter and sees his request as sent', async () => {
    const page = brunoPage;
    await page.goto(`${server.url}${companyPath}/mail?tab=forwarding`);
    const first = page
      .getByRole('table', { name: /Demandes de réexpédition/ })
      .locator('tbody tr')
      .first();
    await first.getByText('Envoyée', { exact: true }).waitFor();
    expect(await first.getByRole('button').count()).toBe(0);

    await page.goto(`${server.url}${companyPath}/mail?q=allocations`);
    await page.getByRole('rowheader', { name: /Caisse d’allocations familiales/ }).waitFor();
    expect(await totalCount(page)).toBe(1);
  });
});
