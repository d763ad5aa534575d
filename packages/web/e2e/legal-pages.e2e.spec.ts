import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchBrowser, SCREENSHOTS, startProduct, type ProductServer } from './server';

/**
 * The legal pages as a visitor who is not signed in reaches them: from the footer of the sign-in
 * page, on a desktop screen and on a 390 px phone. Each shows its title and the operator's SIREN
 * (the demo's, from the SELLER_* defaults), fits the screen, and is photographed (also under /tmp,
 * to look at).
 */
const run = browserAvailable() ? describe : describe.skip;

const PAGES = [
  { link: 'Mentions légales', path: '/legal/mentions-legales', shot: 'legal-notice' },
  { link: 'Conditions générales d’utilisation', path: '/legal/cgu', shot: 'legal-terms' },
  { link: 'Politique de confidentialité', path: '/legal/confidentialite', shot: 'legal-privacy' },
];

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: '390', width: 390, height: 844 },
];

/** The demo operator's SIREN (SELLER_SIREN's default), as the pages print it. */
const SIREN = '847 123 692';

run('legal pages in Chromium, signed out', () => {
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

  for (const viewport of VIEWPORTS) {
    it.each(PAGES)(`opens "$link" from the sign-in page's footer (${viewport.name})`, async ({ link, path: pagePath, shot }) => {
      const context = await browser.newContext({
        locale: 'fr-FR',
        viewport: { width: viewport.width, height: viewport.height },
        deviceScaleFactor: viewport.width < 500 ? 2 : 1,
      });
      const page = await context.newPage();
      await page.goto(`${server.url}/login`);
      if (shot === 'legal-notice') {
        // The sign-in page as it opens (the footer lies just below the first screen).
        await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
        await page.screenshot({ path: path.join('/tmp', `login-footer-${viewport.name}.png`), fullPage: true });
      }
      const footer = page.getByRole('contentinfo').getByRole('navigation', { name: 'Informations légales' });
      await footer.getByRole('link', { name: link, exact: true }).click();
      await page.waitForURL((url) => url.pathname === pagePath);

      // The address changes as the navigation starts; the page follows once its chunk and data are in.
      const heading = page.getByRole('heading', { level: 1, name: link, exact: true });
      await heading.waitFor();
      expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
      await expect(page.title()).resolves.toBe(`${link} · Guichet`);
      await page.getByRole('main').getByText(SIREN).first().waitFor();
      expect(await page.getByRole('main').getByText('Dernière mise à jour : 8 décembre 2026').count()).toBe(1);
      // Nothing wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);

      const file = `${shot}-${viewport.name}.png`;
      await page.screenshot({ path: path.join(SCREENSHOTS, file), fullPage: true });
      await page.screenshot({ path: path.join('/tmp', file), fullPage: true });
      await context.close();
    });
  }
});
