import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { browserAvailable, launchBrowser, SCREENSHOTS, startProduct, type ProductServer, signIn } from './server';

/**
 * The team journey on the built product: Alice (administrator of Demo SAS) invites two people in
 * one batch — one refused, kept in the form with its error — the invitee opens the link from the
 * development mailbox, chooses a password and lands on the company; then each change Alice makes
 * (role, removal) applies on the invitee's next click.
 */
const run = browserAvailable() ? describe : describe.skip;

const INVITEE = 'lea.moreau@exemple.fr';
const INVITEE_PASSWORD = 'lettres vertes du jardin';

/** `/c/<id>` of the page's current company. */
const companyPathOf = (page: Page) => new URL(page.url()).pathname.split('/').slice(0, 3).join('/');

async function navEntries(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  await nav.waitFor();
  return (await nav.getByRole('link').allInnerTexts()).map((text) => text.trim());
}

/** Waits for the page's `h1` to read `title` (pages and their data load asynchronously). */
async function expectHeading(page: Page, title: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor();
}

/** Waits until the element's text contains `text`. */
async function expectText(locator: Locator, text: string | RegExp): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const content = await locator.innerText();
    if (typeof text === 'string' ? content.includes(text) : text.test(content)) return;
    if (Date.now() > deadline) throw new Error(`expected ${JSON.stringify(content)} to contain ${String(text)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
const row = (dialog: Locator, n: number) => dialog.getByRole('group', { name: `Personne ${n}`, exact: true });

/** A GraphQL call from the page (with its session cookie), as a third party would make it. */
function graphql(page: Page, query: string, variables: Record<string, unknown>) {
  return page.evaluate(
    async ({ query: q, variables: v }) => {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: q, variables: v }),
      });
      return (await response.json()) as { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] };
    },
    { query, variables },
  );
}

run('team journey in Chromium', () => {
  let server: ProductServer;
  let browser: Browser;
  let aliceContext: BrowserContext;
  let leaContext: BrowserContext;
  let alice: Page;
  let lea: Page;
  let demoPath: string;
  /** Console messages about the Content-Security-Policy, from every page and frame of the journey. */
  const cspMessages: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startProduct();
    browser = await launchBrowser();
    aliceContext = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    leaContext = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    for (const context of [aliceContext, leaContext]) {
      context.on('console', (message) => {
        if (/Content[- ]Security[- ]Policy/i.test(message.text())) cspMessages.push(`${message.page()?.url() ?? '?'}: ${message.text()}`);
      });
    }
    alice = await aliceContext.newPage();
    lea = await leaContext.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('Alice invites two people in one batch: the valid one is invited, the refused one stays with its error', async () => {
    await signIn(alice, server.url, 'alice.martin@demo-sas.fr');
    demoPath = companyPathOf(alice);
    await alice.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Mon équipe' }).click();
    await expectHeading(alice, 'Mon équipe');
    const members = alice.getByRole('table');
    await members.getByRole('rowheader', { name: /Bruno Petit/ }).waitFor();
    expect(await members.getByRole('row').count()).toBe(5); // header + the four demo members
    await alice.screenshot({ path: path.join(SCREENSHOTS, 'team.png'), fullPage: true });

    await alice.getByRole('button', { name: 'Inviter des membres' }).click();
    const dialog = alice.getByRole('dialog', { name: 'Inviter des membres' });
    await dialog.getByRole('button', { name: 'Coller une liste d’adresses' }).click();
    await dialog.getByLabel('Adresses à ajouter').fill(`${INVITEE}\ncontact@demo-sas.fr`);
    await dialog.getByLabel('Rôle pour ces personnes').selectOption({ label: 'Gestion de courrier' });
    await dialog.getByRole('button', { name: 'Ajouter à la liste' }).click();

    // Names guessed from prenom.nom@ (accents are the person's to add); none for a service address.
    await expect(row(dialog, 1).getByLabel('Prénom', { exact: true }).inputValue()).resolves.toBe('Lea');
    await expect(row(dialog, 1).getByLabel('Nom', { exact: true }).inputValue()).resolves.toBe('Moreau');
    await row(dialog, 1).getByLabel('Prénom', { exact: true }).fill('Léa');
    await row(dialog, 2).getByLabel('Prénom', { exact: true }).fill('Service');
    await row(dialog, 2).getByLabel('Nom', { exact: true }).fill('Contact');
    await dialog.getByRole('button', { name: 'Envoyer les 2 invitations' }).click();

    await dialog.getByText('1 invitation envoyée, 1 à corriger').waitFor();
    await expect(dialog.getByRole('group', { name: /^Personne \d+$/ }).count()).resolves.toBe(1);
    const refused = row(dialog, 1).getByLabel('Adresse e-mail');
    await expect(refused.inputValue()).resolves.toBe('contact@demo-sas.fr');
    await expect(refused.getAttribute('aria-invalid')).resolves.toBe('true');
    await expectText(row(dialog, 1), 'invitez une personne, pas un service');
    await expect(row(dialog, 1).getByLabel('Nom', { exact: true }).inputValue()).resolves.toBe('Contact');
    await row(dialog, 1).scrollIntoViewIfNeeded();
    await alice.screenshot({ path: path.join(SCREENSHOTS, 'invite-dialog-error.png') });

    // The API's own per-row refusal lands on the row the same way.
    await refused.fill('bruno.petit@demo-sas.fr');
    await row(dialog, 1).getByLabel('Prénom', { exact: true }).fill('Bruno');
    await row(dialog, 1).getByLabel('Nom', { exact: true }).fill('Petit');
    await dialog.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await dialog.getByText('Cette personne fait déjà partie de l’équipe.').waitFor();
    await dialog.getByRole('button', { name: 'Fermer' }).last().click();

    await alice.getByRole('tab', { name: /Invitations/ }).click();
    const invitation = alice.getByRole('row').filter({ has: alice.getByRole('rowheader', { name: new RegExp(INVITEE) }) });
    await expectText(invitation, /Gestion de courrier[\s\S]*En attente/);
  });

  it('the invitee opens the link from the development mailbox, sets a password and sees only Mes courriers', async () => {
    await lea.goto(`${server.url}/dev/mailbox?to=${INVITEE}`);
    await expectHeading(lea, 'Boîte de développement');
    const link = lea.frameLocator('iframe.mailbox__frame').first().getByRole('link', { name: 'Accepter l’invitation' });
    await expect(link.getAttribute('href')).resolves.toContain(`${server.url}/invitation?token=`);
    await lea.screenshot({ path: path.join(SCREENSHOTS, 'dev-mailbox.png'), fullPage: true });

    await link.click(); // the email's link leaves the frame for this tab
    await lea.waitForURL((url) => url.pathname === '/invitation');
    await expectHeading(lea, 'Rejoindre Demo SAS');
    const main = lea.getByRole('main');
    await expectText(main, 'Alice Martin vous invite à rejoindre l’espace client de Demo SAS');
    await expectText(main, 'Gestion de courrier');
    await expect(lea.getByLabel('Prénom').inputValue()).resolves.toBe('Léa');
    await lea.screenshot({ path: path.join(SCREENSHOTS, 'invitation.png'), fullPage: true });

    await lea.getByLabel('Mot de passe', { exact: true }).fill(INVITEE_PASSWORD);
    await lea.getByLabel('Confirmez le mot de passe').fill(INVITEE_PASSWORD);
    await lea.getByRole('button', { name: 'Rejoindre Demo SAS' }).click();
    await lea.waitForURL((url) => url.pathname === `${demoPath}/mail`);
    expect(await navEntries(lea)).toEqual(['Mes courriers']);
  });

  it('a role change by Alice applies on the invitee’s next click', async () => {
    await alice.goto(`${server.url}${demoPath}/team?tab=invitations`);
    const invitation = alice.getByRole('row').filter({ has: alice.getByRole('rowheader', { name: new RegExp(INVITEE) }) });
    await expectText(invitation, 'Acceptée');
    await alice.getByRole('tab', { name: /Membres/ }).click();
    await alice.getByRole('button', { name: 'Gérer l’accès de Léa Moreau' }).click();
    const dialog = alice.getByRole('dialog', { name: 'Accès de Léa Moreau' });
    await dialog.getByRole('radio', { name: /^Facturation/ }).check();
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await alice.getByText(/Le rôle de Léa Moreau est maintenant «\s*Facturation\s*»/).waitFor();
    const member = alice.getByRole('row').filter({ has: alice.getByRole('rowheader', { name: /Léa Moreau/ }) });
    await expectText(member, 'Facturation');

    // Léa is still on Mes courriers; her next click (on that very entry) reads her new access.
    await lea.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Mes courriers' }).click();
    await expectHeading(lea, 'Accès refusé');
    expect(await navEntries(lea)).toEqual(['Factures']);
    await lea.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Factures' }).click();
    await expectHeading(lea, 'Factures');
    await lea.goto(`${server.url}${demoPath}/mail`);
    await expectHeading(lea, 'Accès refusé');
    await lea.screenshot({ path: path.join(SCREENSHOTS, 'invitee-role-changed.png'), fullPage: true });
  });

  it('accepting a second company while signed in adds it to the company switcher', async () => {
    const emma = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await signIn(emma, server.url, 'emma.leroy@autre-sarl.fr');
    const autreId = companyPathOf(emma).split('/')[2];
    const invited = await graphql(
      emma,
      'mutation($c: ID!, $i: [InvitationInput!]!) { inviteMembers(companyId: $c, invitations: $i) { invitedCount } }',
      { c: autreId, i: [{ email: INVITEE, firstName: 'Léa', lastName: 'Moreau', scopes: ['FORMALITE'] }] },
    );
    expect(invited.data?.inviteMembers).toEqual({ invitedCount: 1 });

    await lea.goto(`${server.url}/dev/mailbox?to=${INVITEE}`);
    const newest = lea.frameLocator('iframe.mailbox__frame').first();
    await newest
      .getByText(/Autre SARL/)
      .first()
      .waitFor();
    await newest.getByRole('link', { name: 'Accepter l’invitation' }).click();
    await lea.waitForURL((url) => url.pathname === '/invitation');
    await expectText(lea.getByRole('main'), `Vous êtes connecté avec ${INVITEE}`);
    await lea.getByRole('button', { name: 'Rejoindre Autre SARL' }).click();
    await lea.waitForURL((url) => url.pathname === `/c/${autreId}/services`);
    await lea.getByRole('button', { name: /Changer d’entreprise/ }).click();
    const companies = await lea.getByRole('list', { name: 'Vos entreprises' }).getByRole('link').allInnerTexts();
    expect(companies.map((text) => text.split('\n')[0]?.trim()).sort()).toEqual(['Autre SARL', 'Demo SAS']);
    await lea.keyboard.press('Escape');
  });

  it('a removal by Alice (after a confirmation) refuses the invitee’s next navigation and request', async () => {
    await alice.goto(`${server.url}${demoPath}/team`);
    await alice.getByRole('button', { name: 'Gérer l’accès de Léa Moreau' }).click();
    await alice.getByRole('dialog', { name: 'Accès de Léa Moreau' }).getByRole('button', { name: 'Retirer de l’équipe' }).click();
    const confirm = alice.getByRole('dialog', { name: /Retirer Léa Moreau de l’équipe/ });
    await expectText(confirm, 'Cette action est définitive');
    await confirm.getByRole('button', { name: 'Retirer définitivement' }).click();
    await alice.getByText('Léa Moreau a été retiré de l’équipe de Demo SAS.').waitFor();
    await expect(alice.getByRole('rowheader', { name: /Léa Moreau/ }).count()).resolves.toBe(0);

    // Léa's switcher still lists Demo SAS (read before the removal); choosing it is refused.
    await lea.getByRole('button', { name: /Changer d’entreprise/ }).click();
    await lea
      .getByRole('list', { name: 'Vos entreprises' })
      .getByRole('link', { name: /Demo SAS/ })
      .click();
    await expectHeading(lea, 'Accès refusé');
    await expectText(lea.getByRole('main'), 'Vous n’avez pas accès à cette entreprise');
    await expect(lea.getByRole('button', { name: /Changer d’entreprise/ }).count()).resolves.toBe(0);
    await lea.screenshot({ path: path.join(SCREENSHOTS, 'invitee-removed.png'), fullPage: true });

    // And the API refuses her requests about Demo SAS.
    const denied = await graphql(lea, 'query($id: ID!) { company(id: $id) { id name } }', { id: demoPath.split('/')[2] });
    expect(denied.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
  });

  it('ran under the Content-Security-Policy with no violation (pages, and the emails in the mailbox frame)', async () => {
    const policy = (await fetch(`${server.url}/`, { headers: { accept: 'text/html' } })).headers.get('content-security-policy');
    expect(policy).toMatch(/script-src 'self'(;|$)/);
    expect(cspMessages).toEqual([]);
  });
});
