import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { browserAvailable, launchBrowser, SCREENSHOTS, startProduct, type ProductServer, signIn } from './server';

/**
 * Mon équipe on a 390 px wide phone: members and invitations are cards (as Mes courriers lists its
 * mail), and every "Gérer" / invitation button lies within the screen, nothing wider than it.
 */
const run = browserAvailable() ? describe : describe.skip;

const WIDTH = 390;
/** Also written under /tmp, to look at. */
const SHOTS = ['/tmp/team-members-390.png', '/tmp/team-invitations-390.png'];

/** Whether the element's box lies entirely within the viewport's width. */
async function withinScreen(locator: Locator): Promise<boolean> {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  return box !== null && box.x >= 0 && box.x + box.width <= WIDTH && box.width > 0;
}

run('Mon équipe at 390 px in Chromium', () => {
  let server: ProductServer;
  let browser: Browser;
  let page: Page;
  let teamPath: string;

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startProduct();
    browser = await launchBrowser();
    const phone = await browser.newContext({ locale: 'fr-FR', viewport: { width: WIDTH, height: 844 }, deviceScaleFactor: 2 });
    page = await phone.newPage();
    await signIn(page, server.url, 'alice.martin@demo-sas.fr');
    teamPath = `${new URL(page.url()).pathname.split('/').slice(0, 3).join('/')}/team`;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows one card per member, each with its "Gérer" button within the screen', async () => {
    await page.goto(`${server.url}${teamPath}`);
    const cards = page.getByRole('list', { name: /^Membres de / });
    await cards.waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    const items = cards.getByRole('listitem').filter({ has: page.getByRole('button', { name: /^Gérer l’accès de / }) });
    const count = await items.count();
    expect(count).toBeGreaterThanOrEqual(4);
    for (let i = 0; i < count; i += 1) {
      const manage = items.nth(i).getByRole('button', { name: /^Gérer l’accès de / });
      expect(await manage.isVisible()).toBe(true);
      expect(await withinScreen(manage)).toBe(true);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'team-members-390.png'), fullPage: true });
    await page.screenshot({ path: SHOTS[0]!, fullPage: true });
  });

  it('shows invitations as cards too, their buttons within the screen', async () => {
    // One pending invitation to list (sent from the page, with Alice's session).
    const companyId = teamPath.split('/')[2];
    const invited = await page.evaluate(async (id) => {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation($c: ID!, $rows: [InvitationInput!]!) { inviteMembers(companyId: $c, invitations: $rows) { invitedCount } }',
          variables: { c: id, rows: [{ email: 'lea.moreau@exemple.fr', firstName: 'Léa', lastName: 'Moreau', scopes: ['COURRIER'] }] },
        }),
      });
      return ((await response.json()) as { data?: { inviteMembers?: { invitedCount: number } } }).data?.inviteMembers?.invitedCount;
    }, companyId);
    expect(invited).toBe(1);
    await page.goto(`${server.url}${teamPath}?tab=invitations`);
    const cards = page.getByRole('list', { name: /^Invitations de / });
    await cards.waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    const resend = cards.getByRole('button', { name: 'Renvoyer l’invitation à lea.moreau@exemple.fr' });
    const revoke = cards.getByRole('button', { name: 'Annuler l’invitation de lea.moreau@exemple.fr' });
    expect(await withinScreen(resend)).toBe(true);
    expect(await withinScreen(revoke)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'team-invitations-390.png'), fullPage: true });
    await page.screenshot({ path: SHOTS[1]!, fullPage: true });
  });
});
