import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Frame, Locator, Page } from 'playwright-core';
import { open as openZip, type Entry } from 'yauzl';
import { browserAvailable, launchBrowser, SCREENSHOTS, startProduct, type ProductServer, signedInPage as signIn } from './server';

/**
 * Factures on the built product: Chloé (Facturation at Demo SAS) finds what is due, filters the
 * list, previews an invoice's Factur-X PDF, downloads it and its XML, and exports the CSV for her
 * accountant and the ZIP of the PDFs; the same page at 390 px shows cards. Bruno (Courrier) can
 * neither reach the page nor open a link minted for Chloé. Olivia (staff) issues a one-off invoice
 * for Demo SAS with live totals and a credit note on it; Chloé then finds both in her list.
 */
const run = browserAvailable() ? describe : describe.skip;

const CHLOE = 'chloe.durand@demo-sas.fr'; // Demo SAS — Facturation
const BRUNO = 'bruno.petit@demo-sas.fr'; // Demo SAS — Gestion de courrier
const OLIVIA = 'olivia.robert@domicile-pro.fr'; // staff

/** The "14 documents" figure of the list. */
async function documentCount(page: Page): Promise<number> {
  const text = await page.locator('.invoice-toolbar__count strong').innerText();
  const match = /^(\d+) documents?$/.exec(text.trim());
  if (!match) throw new Error(`unexpected count: ${text}`);
  return Number(match[1]);
}

/** Waits until the count says something other than `before`, i.e. the new filter's list is in. */
async function countChangedFrom(page: Page, before: number): Promise<number> {
  await page.waitForFunction((previous) => {
    const text = document.querySelector('.invoice-toolbar__count strong')?.textContent ?? '';
    return text !== '' && !text.startsWith(`${previous} `);
  }, before);
  return documentCount(page);
}

/**
 * The browser's PDF viewer in a preview frame has drawn the document: Chromium shows a PDF with an
 * extension page inside the frame, whose toolbar reports the loading progress.
 */
async function pdfShown(frame: Locator): Promise<void> {
  const content = await (await frame.elementHandle())?.contentFrame();
  if (!content) throw new Error('the preview frame has no document');
  const page = frame.page();
  const viewer = await new Promise<Frame>((resolve) => {
    const check = () => {
      const found = content.childFrames().find((child) => child.url().startsWith('chrome-extension://'));
      if (!found) return;
      page.off('frameattached', check);
      page.off('framenavigated', check);
      resolve(found);
    };
    page.on('frameattached', check);
    page.on('framenavigated', check);
    check();
  });
  await viewer.waitForFunction(() => {
    const toolbar = document.querySelector('pdf-viewer')?.shadowRoot?.querySelector('viewer-toolbar') as
      (Element & { loadProgress?: number }) | null;
    return toolbar?.loadProgress === 100;
  });
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

run('Factures and the operator’s billing, in Chromium', () => {
  let server: ProductServer;
  let browser: Browser;
  let chloe: BrowserContext;
  let chloePage: Page;
  let companyPath = '';
  /** A signed INLINE link to one of Demo SAS's invoices, as Chloé's preview frame got it. */
  let signedUrl = '';
  /** The invoice Olivia issues. */
  let issuedNumber = '';

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startProduct();
    browser = await launchBrowser();
    chloe = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  });
  afterAll(async () => {
    await chloe?.close();
    await browser?.close();
    await server?.stop();
  });

  it('Chloé opens Factures: what is due at the top, a year of invoices below', async () => {
    chloePage = await signIn(chloe, server.url, CHLOE);
    const page = chloePage;
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Factures' }).click();
    await page.waitForURL((url) => /^\/c\/[0-9a-f-]{36}\/invoices$/.test(url.pathname));
    companyPath = new URL(page.url()).pathname.replace(/\/invoices$/, '');
    await page.getByRole('heading', { level: 1, name: 'Factures' }).waitFor();
    const totals = page.getByRole('region', { name: 'Ce qui reste à payer' });
    await totals.waitFor();
    const said = (await totals.innerText()).replace(/\s+/g, ' ');
    expect(said).toMatch(/À payer \d+,\d{2} € \d+ factures?/);
    expect(said).toMatch(/Dont en retard \d+,\d{2} € \d+ factures?/);

    await page.locator('.invoice-toolbar__count strong').waitFor();
    const all = await documentCount(page);
    expect(all).toBeGreaterThanOrEqual(13); // twelve monthly invoices, a one-off one and its credit note
    const rows = page.locator('table tbody tr');
    expect(await rows.count()).toBe(Math.min(all, 25));
    const table = await page.getByRole('table').innerText();
    expect(table).toContain('Avoir sur F');
    expect(table).toMatch(/58,80\s€/);
    expect(table).toContain('En retard');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'invoices-list.png'), fullPage: true });
  });

  it('filters the overdue invoices and searches by number; the filters are in the URL', async () => {
    const page = chloePage;
    const all = await documentCount(page);
    await page.getByLabel('Statut').selectOption({ label: 'En retard' });
    await page.waitForURL((url) => url.searchParams.get('status') === 'OVERDUE');
    const overdue = await countChangedFrom(page, all);
    expect(overdue).toBeGreaterThanOrEqual(1);
    const rows = page.locator('table tbody tr');
    expect(await rows.count()).toBe(overdue);
    for (const text of await rows.allInnerTexts()) expect(text).toContain('En retard');

    // A reload keeps the filter (it lives in the URL).
    await page.reload();
    await page.locator('.invoice-toolbar__count strong').waitFor();
    expect(await documentCount(page)).toBe(overdue);

    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await page.waitForURL((url) => !url.searchParams.has('status'));
    expect(await countChangedFrom(page, overdue)).toBe(all);
    const number = (await page.getByRole('rowheader').nth(2).getByRole('link').innerText()).split(',')[0]?.trim() ?? '';
    await page.getByRole('searchbox', { name: 'Rechercher une facture' }).fill(number);
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === number);
    expect(await countChangedFrom(page, all)).toBeGreaterThanOrEqual(1);
    expect(await page.getByRole('rowheader').first().innerText()).toContain(number);
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await page.waitForURL((url) => !url.searchParams.has('q'));
    await page.waitForFunction((n) => document.querySelectorAll('table tbody tr').length === n, Math.min(all, 25));
  });

  it('previews an invoice: its Factur-X PDF in the page from a signed link', async () => {
    const page = chloePage;
    const first = page.getByRole('rowheader').first().getByRole('link');
    const number = (await first.innerText()).split(',')[0]?.trim() ?? '';
    const pdfResponse = page.waitForResponse((response) => response.url().includes('/files/invoices/') && response.status() === 200);
    await first.click();
    await page.waitForURL((url) => url.searchParams.has('invoice'));
    const dialog = page.getByRole('dialog', { name: `Facture ${number}` });
    await dialog.waitFor();
    const frame = dialog.locator('iframe');
    await frame.waitFor();
    signedUrl = (await frame.getAttribute('src')) ?? '';
    expect(signedUrl).toContain('/files/invoices/');
    expect(await frame.getAttribute('title')).toBe(`Aperçu PDF de ${number}`);
    expect((await pdfResponse).headers()['content-type']).toBe('application/pdf');
    const facts = await dialog.innerText();
    for (const part of ['Total HT', 'TVA 20', 'Total TTC', 'Échéance']) expect(facts).toContain(part);
    await pdfShown(frame);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'invoices-preview.png') });
  });

  it('downloads the PDF (a Factur-X: factur-x.xml embedded) and the XML alone', async () => {
    const page = chloePage;
    const dialog = page.getByRole('dialog');
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: /^Télécharger le PDF Factur-X/ }).click(),
    ]);
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    const bytes = fs.readFileSync(await pdf.path());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.includes(Buffer.from('factur-x.xml'))).toBe(true);
    await dialog.getByText('Le téléchargement commence.').waitFor();

    const [xml] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: /^Télécharger le XML/ }).click()]);
    expect(xml.suggestedFilename()).toMatch(/\.xml$/);
    const text = fs.readFileSync(await xml.path(), 'utf8');
    expect(text).toMatch(/^(\uFEFF)?<\?xml/);
    expect(text).toContain('CrossIndustryInvoice');
    await page.keyboard.press('Escape');
    await page.waitForURL((url) => !url.searchParams.has('invoice'));
    await dialog.waitFor({ state: 'detached' });
  });

  it('exports the CSV for the accountant (BOM, semicolons, decimal comma) and the ZIP of the PDFs', async () => {
    const page = chloePage;
    const all = await documentCount(page);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export comptable (CSV)' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const bytes = fs.readFileSync(await csv.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split(/\r?\n/);
    expect(lines[0]?.split(';').length).toBeGreaterThan(5);
    expect(lines.length).toBeGreaterThanOrEqual(all + 1); // one line per invoice and VAT rate
    expect(lines[1]).toMatch(/;\d+,\d{2};/);
    await page.getByText(`Export de ${all} documents`).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'invoices-export.png') });

    await page.getByLabel('Statut').selectOption({ label: 'En retard' });
    const overdue = await countChangedFrom(page, all);
    const [zip] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tous les PDF (ZIP)' }).click()]);
    expect(zip.suggestedFilename()).toMatch(/\.zip$/);
    const entries = await readZip(await zip.path());
    const pdfs = entries.filter((entry) => entry.name.endsWith('.pdf'));
    expect(pdfs).toHaveLength(overdue);
    for (const entry of pdfs) expect(entry.data.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(entries.some((entry) => entry.name.endsWith('.csv'))).toBe(true);
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await page.waitForURL((url) => !url.searchParams.has('status'));
  });

  it('at 390 px the invoices are cards, and the preview fits the screen', async () => {
    const phone = await browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    const page = await signIn(phone, server.url, CHLOE);
    await page.goto(`${server.url}${companyPath}/invoices`);
    const cards = page.getByRole('list', { name: /^Factures et avoirs de / });
    await cards.waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    expect(await cards.getByRole('listitem').count()).toBeGreaterThanOrEqual(13);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'invoices-list-390.png'), fullPage: true });

    await cards.getByRole('link').first().click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('iframe').waitFor();
    const box = await dialog.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await pdfShown(dialog.locator('iframe'));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'invoices-preview-390.png') });
    await phone.close();
  });

  it('Bruno (Courrier) can reach neither the page nor an invoice’s link, nor open a link minted for Chloé', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    const page = await signIn(context, server.url, BRUNO);
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    await nav.getByRole('link', { name: 'Mes courriers' }).waitFor();
    expect(await nav.getByRole('link').allInnerTexts()).not.toContain('Factures');

    await page.goto(`${server.url}${companyPath}/invoices`);
    await page.getByRole('heading', { level: 1, name: 'Accès refusé' }).waitFor();
    const invoiceId = new URL(signedUrl).pathname.split('/')[4] ?? '';
    await page.goto(`${server.url}${companyPath}/invoices/${invoiceId}`);
    await page.getByRole('heading', { level: 1, name: 'Accès refusé' }).waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'invoices-bruno-no-access.png') });

    const res = await page.request.get(signedUrl);
    expect([403, 404]).toContain(res.status());
    expect(res.headers()['content-type']).not.toBe('application/pdf');

    // The API refuses him the invoice operations too.
    const answer = await page.evaluate(
      async ({ company, invoice }) => {
        const response = await fetch('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            query: 'mutation($c: ID!, $i: ID!) { createInvoiceLink(companyId: $c, invoiceId: $i) { url } }',
            variables: { c: company, i: invoice },
          }),
        });
        return (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
      },
      { company: companyPath.split('/')[2], invoice: invoiceId },
    );
    expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    await context.close();
  });

  it('Olivia (staff) previews the month’s run, then issues a one-off invoice for Demo SAS with live totals', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    const page = await signIn(context, server.url, OLIVIA);
    await page.waitForURL((url) => url.pathname === '/operator');
    await page.getByRole('navigation', { name: 'Outils opérateur' }).getByRole('link', { name: 'Facturation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Facturation' }).waitFor();

    // The dry run: Demo SAS was billed for this month by the seed; nothing is issued.
    await page.getByRole('button', { name: 'Prévisualiser' }).click();
    const preview = page.getByRole('table', { name: /^Sociétés facturées pour / });
    await preview.waitFor();
    const demoRow = preview.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /Demo SAS/ }) });
    expect(await demoRow.innerText()).toContain('Déjà facturée');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'operator-billing-run.png'), fullPage: true });

    await page.getByRole('searchbox', { name: 'Rechercher une entreprise' }).fill('Demo');
    await page
      .getByRole('list', { name: 'Entreprises trouvées' })
      .getByRole('button', { name: /Demo SAS/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Facturation de Demo SAS' }).waitFor();
    const plan = page.getByRole('region', { name: 'Formule' });
    expect((await plan.innerText()).replace(/\s+/g, ' ')).toContain('49,00 € HT');
    await page.getByRole('table', { name: 'Factures et avoirs de Demo SAS' }).waitFor();

    await page.getByRole('link', { name: 'Nouvelle facture' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouvelle facture' }).waitFor();
    const line1 = page.getByRole('group', { name: 'Ligne 1' });
    await line1.getByLabel('Désignation').fill('Réexpédition de colis (3 envois)');
    await line1.getByLabel('Quantité').fill('3');
    await line1.getByLabel('Prix unitaire HT (€)').fill('12,50');
    await page.getByRole('button', { name: 'Ajouter une ligne' }).click();
    const line2 = page.getByRole('group', { name: 'Ligne 2' });
    await line2.getByLabel('Désignation').fill('Affranchissement');
    await line2.getByLabel('Quantité').fill('3');
    await line2.getByLabel('Prix unitaire HT (€)').fill('4,35');
    await line2.getByLabel('TVA', { exact: true }).selectOption('0');
    await line2.getByLabel(/^Mention d’exonération/).fill('Exonération de TVA, article 261 C du CGI');
    // 3 × 12,50 = 37,50 € at 20 % (VAT 7,50 €); 3 × 4,35 = 13,05 € at 0 %: 58,05 € TTC.
    const totals = page.getByRole('region', { name: 'Totaux' });
    await totals.getByText(/^58,05\s€$/).waitFor();
    expect((await totals.innerText()).replace(/\s+/g, ' ')).toContain('Total HT 50,55 €');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'operator-invoice-form.png'), fullPage: true });

    await page.getByRole('button', { name: 'Émettre la facture' }).click();
    const confirm = page.getByRole('dialog', { name: /^Émettre la facture de 58,05\s€ TTC/ });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Émettre la facture' }).click();
    const done = page.getByRole('heading', { name: /^Facture F\d{4}-\d{6} émise$/ });
    await done.waitFor();
    issuedNumber = /F\d{4}-\d{6}/.exec(await done.innerText())?.[0] ?? '';
    expect(issuedNumber).not.toBe('');

    // The credit note: part of it (one envoi not made), from the company's billing page.
    await page.getByRole('link', { name: 'Voir la facturation de Demo SAS' }).click();
    const table = page.getByRole('table', { name: 'Factures et avoirs de Demo SAS' });
    await table.getByRole('rowheader', { name: issuedNumber }).waitFor();
    await page.getByRole('button', { name: `Émettre un avoir sur ${issuedNumber}` }).click();
    const dialog = page.getByRole('dialog', { name: `Avoir sur ${issuedNumber}` });
    await dialog.waitFor();
    await dialog.getByRole('radio', { name: /^Une partie/ }).check();
    const creditLine1 = dialog.getByRole('group', { name: 'Ligne 1' });
    await creditLine1.getByLabel('Quantité').fill('1');
    await dialog.getByRole('button', { name: 'Retirer la ligne 2' }).click();
    await dialog.getByLabel(/^Motif/).fill('Un envoi n’a pas été fait');
    await dialog.getByRole('button', { name: /^Émettre l’avoir de 15,00\s€ TTC$/ }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'operator-credit-note.png') });
    await dialog.getByRole('button', { name: /^Émettre l’avoir/ }).click();
    await page.getByText(new RegExp(`^Avoir A\\d{4}-\\d{6} émis sur ${issuedNumber}`)).waitFor();
    await table.getByText(`Avoir sur ${issuedNumber}`).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'operator-company-billing.png'), fullPage: true });

    // The form at 390 px.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/operator/billing/${companyPath.split('/')[2]}/new`);
    await page.getByRole('heading', { level: 1, name: 'Nouvelle facture' }).waitFor();
    await page.getByRole('group', { name: 'Ligne 1' }).getByLabel('Désignation').fill('Frais de dossier');
    await page.getByRole('group', { name: 'Ligne 1' }).getByLabel('Prix unitaire HT (€)').fill('30');
    await page
      .getByRole('region', { name: 'Totaux' })
      .getByText(/^36,00\s€$/)
      .waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'operator-invoice-form-390.png'), fullPage: true });
    await context.close();
  });

  it('Chloé finds the new invoice and its credit note in her list', async () => {
    const page = chloePage;
    await page.goto(`${server.url}${companyPath}/invoices`);
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${issuedNumber}`) }) });
    await row.waitFor();
    const text = (await row.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('58,05 €');
    expect(text).toContain('Reste 43,05 €');
    await page.getByText(`Avoir sur ${issuedNumber}`).waitFor();
  });
});
