import type { MockLink } from '@apollo/client/testing';
import { LEGAL_PAGE_LABELS, LEGAL_PAGES, type LegalPage, type Locale } from '@guichet/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { en } from '@/locales/en';
import { fr } from '@/locales/fr';
import { legalEn } from '@/locales/legal/en';
import { legalFr } from '@/locales/legal/fr';
import { buildViewer } from '@/testing/fixtures';
import { findPageTitle, normalized, renderApp } from '@/testing/test-utils';
import { LegalNoticeDocument, type LegalNoticeQuery } from '../api/generated';

/**
 * The legal pages, signed out and signed in, in French and English: each shows its texts with the
 * operator's identity as the API gives it (an operator other than the demo's, so nothing can come
 * from elsewhere), and every frame's footer links to the three pages.
 */

const NOTICE: LegalNoticeQuery['legalNotice'] = {
  __typename: 'LegalNotice',
  legalName: 'Adresse Lyon Centre SARL',
  legalForm: 'SARL',
  shareCapital: '8 000 €',
  address: { __typename: 'Address', line1: '5 place Bellecour', line2: null, postalCode: '69002', city: 'Lyon', country: 'FR' },
  siren: '732829320',
  siret: '73282932000009',
  rcsCity: 'Lyon',
  vatNumber: 'FR44732829320',
  publicationDirector: 'Marc Durand',
  contactEmail: 'bonjour@exemple-domiciliation.fr',
  contactPhone: '+33 4 72 00 00 00',
  dpoEmail: 'rgpd@exemple-domiciliation.fr',
  domiciliationApproval: '69-2019-117',
  host: { __typename: 'LegalHost', name: 'Hébergeur Test SAS', address: '1 quai du Rhône, 69001 Lyon, France', phone: '+33 4 72 11 11 11' },
  retention: {
    __typename: 'RetentionPeriods',
    sessionsDays: 14,
    resetLinksDays: 0,
    journalIpMonths: 6,
    sentEmailsDays: 60,
    failedRequestsDays: 1,
    accessRequestsMonths: 9,
  },
};

const noticeMock = (): MockLink.MockedResponse<LegalNoticeQuery> => ({
  request: { query: LegalNoticeDocument },
  result: { data: { legalNotice: NOTICE } },
});

const PATHS: Record<LegalPage, string> = {
  notice: '/legal/mentions-legales',
  terms: '/legal/cgu',
  privacy: '/legal/confidentialite',
};

const TEXTS = { fr: legalFr, en: legalEn } as const;
const APP = { fr, en } as const;

/** The text of the page's main region, whitespace collapsed. */
function mainText(): string {
  return normalized(screen.getByRole('main').textContent ?? '');
}

/** Waits for the page's body (the identity arrives with the loader), then returns the main region's text. */
async function renderLegal(page: LegalPage, locale: Locale, viewer: ReturnType<typeof buildViewer> | null = null) {
  const view = renderApp(PATHS[page], { locale, viewer, mocks: [noticeMock()] });
  expect(await findPageTitle()).toHaveTextContent(LEGAL_PAGE_LABELS[page][locale]);
  await screen.findAllByRole('heading', { level: 2 });
  return view;
}

describe('the legal pages', () => {
  it.each(['fr', 'en'] as const)('mentions légales (%s): publisher, registration, director, approval, host, contacts', async (locale) => {
    await renderLegal('notice', locale);
    const t = TEXTS[locale].notice;
    const text = mainText();
    expect(text).toContain(normalized(t.intro));
    expect(text).toContain('Adresse Lyon Centre SARL');
    expect(text).toContain(locale === 'fr' ? 'SARL au capital de 8 000 €' : 'SARL with a share capital of 8 000 €');
    expect(text).toContain(`5 place Bellecour, 69002 Lyon, France`);
    expect(text).toContain('RCS Lyon 732 829 320');
    expect(text).toContain('732 829 320 00009');
    expect(text).toContain('FR44732829320');
    expect(text).toContain('Marc Durand');
    expect(text).toContain('69-2019-117');
    expect(text).toContain('Hébergeur Test SAS');
    expect(text).toContain('1 quai du Rhône, 69001 Lyon, France');
    expect(screen.getAllByRole('link', { name: '+33 4 72 00 00 00' })[0]).toHaveAttribute('href', 'tel:+33472000000');
    expect(screen.getByRole('link', { name: '+33 4 72 11 11 11' })).toHaveAttribute('href', 'tel:+33472111111');
    expect(screen.getAllByRole('link', { name: 'bonjour@exemple-domiciliation.fr' })[0]).toHaveAttribute(
      'href',
      'mailto:bonjour@exemple-domiciliation.fr',
    );
    expect(screen.getByRole('link', { name: 'rgpd@exemple-domiciliation.fr' })).toHaveAttribute(
      'href',
      'mailto:rgpd@exemple-domiciliation.fr',
    );
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(headings).toEqual([
      t.publisher.title,
      t.director.title,
      t.domiciliation.title,
      t.host.title,
      t.contact.title,
      t.intellectualProperty.title,
      t.cookies.title,
      t.seeAlso.title,
    ]);
    // The links inside the text lead to the other pages.
    const main = within(screen.getByRole('main'));
    expect(main.getByRole('link', { name: locale === 'fr' ? 'politique de confidentialité' : 'privacy notice' })).toHaveAttribute(
      'href',
      '/legal/confidentialite',
    );
    expect(main.getByRole('link', { name: locale === 'fr' ? 'conditions générales d’utilisation' : 'terms of use' })).toHaveAttribute(
      'href',
      '/legal/cgu',
    );
  });

  it.each(['fr', 'en'] as const)('CGU (%s): every section, with the operator’s name and contact', async (locale) => {
    await renderLegal('terms', locale);
    const t = TEXTS[locale].terms;
    const text = mainText();
    expect(text).toContain(
      locale === 'fr'
        ? 'l’espace client en ligne de Adresse Lyon Centre SARL, SARL au capital de 8 000 €, immatriculée au RCS de Lyon sous le numéro 732 829 320 (« l’opérateur »)'
        : 'the online client space of Adresse Lyon Centre SARL, a SARL with a share capital of 8 000 €, registered with the RCS of Lyon under number 732 829 320 (“the operator”)',
    );
    expect(text).toContain(normalized(t.accounts.password));
    expect(text).toContain(normalized(t.apiTokens.secret));
    expect(text).toContain(normalized(t.law.body));
    expect(text).toContain(normalized(t.changes.body));
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      t.service.title,
      t.accounts.title,
      t.apiTokens.title,
      t.use.title,
      t.availability.title,
      t.liability.title,
      t.data.title,
      t.ownership.title,
      t.changes.title,
      t.law.title,
      t.contact.title,
    ]);
    expect(within(screen.getByRole('main')).getAllByRole('link', { name: 'bonjour@exemple-domiciliation.fr' }).length).toBeGreaterThan(0);
  });

  it.each(['fr', 'en'] as const)(
    'privacy notice (%s): the controller, what is kept and how long as configured, and the rights',
    async (locale) => {
      await renderLegal('privacy', locale);
      const t = TEXTS[locale].privacy;
      const text = mainText();
      expect(text).toContain(
        locale === 'fr'
          ? 'Adresse Lyon Centre SARL, immatriculée au RCS de Lyon sous le numéro 732 829 320, dont le siège est 5 place Bellecour, 69002 Lyon, France, est le responsable de traitement.'
          : 'Adresse Lyon Centre SARL, registered with the RCS of Lyon under number 732 829 320, whose registered office is at 5 place Bellecour, 69002 Lyon, France, is the data controller.',
      );
      // The RETENTION_* periods as the API gives them (plural, singular and zero forms).
      const periods =
        locale === 'fr'
          ? [
              '14 jours après leur fin',
              'supprimés dès leur expiration ou leur utilisation',
              '6 mois',
              '60 jours après l’envoi',
              '1 jour',
              '9 mois après la décision',
            ]
          : [
              '14 days after they end',
              'deleted as soon as they expire or are used',
              '6 months',
              '60 days after sending',
              '1 day',
              '9 months after the decision',
            ];
      for (const period of periods) expect(text).toContain(period);
      expect(text).toContain(normalized(t.retention.items.invoices.howLong));
      for (const key of ['access', 'rectification', 'erasure', 'restriction', 'portability', 'objection'] as const) {
        expect(text).toContain(normalized(t.rights[key]));
      }
      expect(text).toContain('CNIL');
      const main = within(screen.getByRole('main'));
      expect(main.getAllByRole('link', { name: 'rgpd@exemple-domiciliation.fr' })[0]).toHaveAttribute(
        'href',
        'mailto:rgpd@exemple-domiciliation.fr',
      );
      expect(main.getByRole('link', { name: 'www.cnil.fr' })).toHaveAttribute('href', 'https://www.cnil.fr');
      expect(screen.getAllByRole('heading', { level: 3 })).toHaveLength(10);
    },
  );

  it.each(LEGAL_PAGES)('titles the tab and shows the date of the texts (%s)', async (page) => {
    await renderLegal(page, 'fr');
    await waitFor(() => expect(document.title).toBe(`${LEGAL_PAGE_LABELS[page].fr} · Guichet`));
    expect(screen.getByText('Dernière mise à jour : 8 décembre 2026')).toBeInTheDocument();
  });

  it('shows in English after switching the language, date included', async () => {
    const user = userEvent.setup();
    await renderLegal('privacy', 'fr');
    await user.click(screen.getByRole('button', { name: /English/ }));
    expect(await findPageTitle()).toHaveTextContent('Privacy notice');
    expect(screen.getByText('Last updated: 8 December 2026')).toBeInTheDocument();
    expect(mainText()).toContain('14 days after they end');
  });

  it('reads the same, in the signed-in frame, for a signed-in person', async () => {
    await renderLegal('terms', 'fr', buildViewer({ firstName: 'Camille' }));
    expect(screen.getByRole('button', { name: /Compte/ })).toBeInTheDocument();
    expect(mainText()).toContain(normalized(legalFr.terms.accounts.password));
  });

  it('says when the identity could not be loaded, and loads it again on request', async () => {
    const user = userEvent.setup();
    renderApp(PATHS.notice, {
      locale: 'fr',
      mocks: [
        { request: { query: LegalNoticeDocument }, error: new Error('network down') },
        { request: { query: LegalNoticeDocument }, error: new Error('network down') },
        noticeMock(),
      ],
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(legalFr.loadFailed);
    await user.click(within(alert).getByRole('button', { name: fr.errors.generic.retry }));
    expect(await screen.findByText('Adresse Lyon Centre SARL')).toBeInTheDocument();
  });
});

describe('the footer', () => {
  /** The footer's navigation: the three legal pages, named as in the emails, in the interface's language. */
  function expectLegalFooter(locale: Locale) {
    const nav = screen.getByRole('navigation', { name: APP[locale].app.legalNav });
    expect(nav.closest('footer')).not.toBeNull();
    const links = within(nav).getAllByRole('link');
    expect(links.map((l) => [l.textContent, l.getAttribute('href')])).toEqual(
      LEGAL_PAGES.map((page) => [LEGAL_PAGE_LABELS[page][locale], PATHS[page]]),
    );
  }

  it('is in the signed-in frame', async () => {
    renderApp('/', { viewer: buildViewer() });
    await findPageTitle();
    expectLegalFooter('fr');
  });

  it('is in the plain frame of the public pages', async () => {
    renderApp('/legal/cgu', { viewer: null, mocks: [noticeMock()], locale: 'en' });
    await findPageTitle();
    expectLegalFooter('en');
    expect(screen.getByRole('link', { name: 'Terms of use' })).toHaveAttribute('aria-current', 'page');
  });

  it('is on the sign-in page, and leads to the legal pages', async () => {
    const user = userEvent.setup();
    const { router } = renderApp('/login', { viewer: null, mocks: [noticeMock()] });
    await findPageTitle();
    expectLegalFooter('fr');
    await user.click(screen.getByRole('link', { name: 'Mentions légales' }));
    expect(await screen.findByText('Adresse Lyon Centre SARL')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/legal/mentions-legales');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Mentions légales');
  });
});
