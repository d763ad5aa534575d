import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchBrowser, SCREENSHOTS, startProduct, type ProductServer, signedInPage as signIn } from './server';

/**
 * Services on the built product. Olivia (staff) asks one more question on Demo SAS's transfert de
 * siège; David (Gestion de formalité) answers it and the pouvoir file request, reads the pouvoir in
 * the page, signs it with the code read from the development mailbox, and downloads the signed PDF
 * (its PAdES seal checked by pdfsig when poppler is installed). Olivia sees the evidence trail intact
 * and takes the formality to COMPLETED. Chloé (Facturation) reaches neither the page nor a link
 * minted for David.
 */
const run = browserAvailable() ? describe : describe.skip;

const DAVID = 'david.bernard@demo-sas.fr'; // Demo SAS — Gestion de formalité
const CHLOE = 'chloe.durand@demo-sas.fr'; // Demo SAS — Facturation
const OLIVIA = 'olivia.robert@domicile-pro.fr'; // staff
const TITLE = 'Transfert du siège social à Lyon';
const QUESTION = 'Adresse exacte du nouveau siège à Lyon';

/** A GraphQL operation from the page, with its session cookie. */
function gql<T>(
  page: Page,
  query: string,
  variables: Record<string, unknown>,
): Promise<{ data?: T; errors?: { extensions?: { code?: string } }[] }> {
  return page.evaluate(
    async ({ q, v }) => {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: q, variables: v }),
      });
      return response.json();
    },
    { q: query, v: variables },
  );
}

/** A one-page PDF with a line of text, its cross-reference table exact (what a scanner would send). */
function onePagePdf(text: string): Buffer {
  const content = `BT /F1 18 Tf 72 760 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

function hasPdfsig(): boolean {
  try {
    execFileSync('pdfsig', ['-v'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // pdfsig -v prints its version and exits 99 on some poppler versions: it is there.
    return (error as { status?: number }).status === 99;
  }
}

run('Services: a formality answered and signed in the browser', () => {
  let server: ProductServer;
  let browser: Browser;
  let demoId = '';
  let formalityId = '';
  let signatureRequestId = '';
  let signedLinkForDavid = '';
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-e2e-signed-'));

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startProduct();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(downloads, { recursive: true, force: true });
  });

  it('Olivia (staff) finds the transfert de siège and asks one more question', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    const page = await signIn(context, server.url, OLIVIA);
    await page.waitForURL((url) => url.pathname === '/operator');
    await page.getByRole('navigation', { name: 'Outils opérateur' }).getByRole('link', { name: 'Formalités' }).click();
    await page.getByRole('searchbox', { name: 'Rechercher une entreprise' }).fill('Demo');
    await page
      .getByRole('list', { name: 'Entreprises trouvées' })
      .getByRole('button', { name: /Demo SAS/ })
      .click();
    await page.getByRole('link', { name: TITLE }).click();
    await page.waitForURL(/\/operator\/formalities\/[^/]+\/[^/]+$/);
    [, , , demoId = '', formalityId = ''] = new URL(page.url()).pathname.split('/');
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();

    const form = page.getByRole('region', { name: 'Ajouter une demande' });
    await form.getByLabel('Question', { exact: true }).fill(QUESTION);
    await form.getByRole('button', { name: 'Ajouter la demande' }).click();
    await page.getByText(`Demande « ${QUESTION} » ajoutée.`).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'operator-formality.png'), fullPage: true });
    await context.close();
  });

  it('David answers the text request and the pouvoir file, then signs with the emailed code and downloads the signed PDF', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
    const page = await signIn(context, server.url, DAVID);
    await page.getByRole('navigation').getByRole('link', { name: 'Services' }).first().click();
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();

    // The text request: its answer is saved on its own.
    await page.getByLabel(`Votre réponse à « ${QUESTION} »`).fill('12 quai Saint-Antoine, 69002 Lyon');
    await page.getByRole('button', { name: `Enregistrer la réponse à « ${QUESTION} »` }).click();
    await page.getByText('Réponse enregistrée : notre équipe va la vérifier.').first().waitFor();

    // The file request: a PDF uploaded with its progress, then acknowledged.
    const pouvoir = 'Pouvoir signé pour la formalité';
    await page.getByLabel(`Fichier à envoyer pour « ${pouvoir} »`).setInputFiles({
      name: 'pouvoir.pdf',
      mimeType: 'application/pdf',
      buffer: onePagePdf('Pouvoir signe par David Bernard'),
    });
    await page.getByRole('button', { name: `Envoyer le fichier pour « ${pouvoir} »` }).click();
    await page.getByText('Fichier envoyé : notre équipe va le vérifier.').waitFor();

    // The signature: the pouvoir is shown in the page, a code is asked for.
    await page.getByRole('heading', { level: 3, name: 'Pouvoir à signer' }).waitFor();
    await page.getByTitle(/^Document à signer\s:\s«\sPouvoir à signer\s»$/).waitFor();
    await page.getByRole('button', { name: 'Recevoir le code par e-mail' }).click();
    await page.getByText(/Code envoyé à d\*+@demo-sas\.fr/).waitFor();

    // The code, read from the development mailbox (the newest email to David).
    const mailbox = await context.newPage();
    await mailbox.goto(`${server.url}/dev/mailbox?to=${DAVID}`);
    const newest = mailbox.frameLocator('iframe.mailbox__frame').first();
    const body = await newest.locator('body').innerText();
    const code = /:\s*(\d{6})\b/.exec(body)?.[1];
    expect(code).toMatch(/^\d{6}$/);
    await mailbox.close();

    await page.getByRole('checkbox', { name: /J’ai lu l’intégralité du document «\sPouvoir à signer\s»/ }).check();
    await page.getByLabel('Code reçu par e-mail').fill(code ?? '');
    await page.getByRole('button', { name: 'Signer « Pouvoir à signer »' }).click();
    await page.getByText('Document signé. Le PDF signé est prêt à être téléchargé.').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'formality-signed.png'), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger le PDF signé de « Pouvoir à signer »' }).click(),
    ]);
    const file = path.join(downloads, 'signed.pdf');
    await download.saveAs(file);
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.includes(Buffer.from('/ETSI.CAdES.detached'))).toBe(true);
    if (hasPdfsig()) {
      const report = execFileSync('pdfsig', [file], { encoding: 'utf8' });
      expect(report).toContain('Signature is Valid');
      expect(report).toContain('Total document signed');
    } else if (process.env.REQUIRE_PDF_TOOLS === '1') {
      throw new Error('pdfsig is required (REQUIRE_PDF_TOOLS=1) but is not installed');
    }

    // A link minted for David, kept to try it as Chloé.
    const found = await gql<{ company: { formality: { signatureRequests: { id: string; status: string }[] } } }>(
      page,
      'query($c: ID!, $f: ID!) { company(id: $c) { formality(id: $f) { signatureRequests { id status } } } }',
      { c: demoId, f: formalityId },
    );
    const signed = found.data?.company.formality.signatureRequests.find((r) => r.status === 'SIGNED');
    signatureRequestId = signed?.id ?? '';
    expect(signatureRequestId).not.toBe('');
    const link = await gql<{ createSignedDocumentLink: { url: string } }>(
      page,
      'mutation($c: ID!, $s: ID!) { createSignedDocumentLink(companyId: $c, signatureRequestId: $s) { url } }',
      { c: demoId, s: signatureRequestId },
    );
    signedLinkForDavid = link.data?.createSignedDocumentLink.url ?? '';
    expect(signedLinkForDavid).toContain('/files/signed-documents/');
    await context.close();
  });

  it('Olivia sees the evidence trail intact, files the formality and completes it', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1680, height: 1000 } });
    const page = await signIn(context, server.url, OLIVIA);
    await page.goto(`${server.url}/operator/formalities/${demoId}/${formalityId}`);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.getByRole('button', { name: 'Voir la chaîne de preuve' }).first().click();
    await page.getByText('Chaîne de preuve intègre').waitFor();
    const trail = page.getByRole('table', { name: 'Événements de la demande de signature, dans l’ordre' });
    const kinds = await trail.locator('tbody tr').allInnerTexts();
    expect(kinds.length).toBeGreaterThanOrEqual(6);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'operator-evidence.png'), fullPage: true });

    // The answers in and the pouvoir signed: review, file at the register, its validation, completed.
    for (const [action, fill] of [
      ['Passer en examen', null],
      ['Enregistrer le dépôt au registre', 'J00987654321'],
      ['Attendre la validation du registre', null],
      ['Terminer la formalité', null],
    ] as const) {
      await page.getByRole('button', { name: action }).click();
      const dialog = page.getByRole('dialog');
      if (fill) await dialog.getByLabel('Numéro de suivi du registre').fill(fill);
      await dialog.getByRole('button', { name: 'Confirmer' }).click();
      await dialog.waitFor({ state: 'detached' });
    }
    await page.getByText('La formalité est passée à l’état « Terminée ».').waitFor();
    await context.close();
  });

  it('Chloé (Facturation) reaches neither the Services page nor the signed PDF minted for David', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    const page = await signIn(context, server.url, CHLOE);
    await page.goto(`${server.url}/c/${demoId}/services/${formalityId}`);
    await page.getByRole('heading', { name: 'Accès refusé' }).waitFor();
    const res = await page.request.get(signedLinkForDavid);
    expect([403, 404]).toContain(res.status());
    expect(res.headers()['content-type']).not.toBe('application/pdf');
    const answer = await gql(
      page,
      'mutation($c: ID!, $s: ID!) { createSignedDocumentLink(companyId: $c, signatureRequestId: $s) { url } }',
      {
        c: demoId,
        s: signatureRequestId,
      },
    );
    expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    await context.close();
  });
});
