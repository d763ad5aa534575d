import { getNamedType, isObjectType, type GraphQLObjectType } from 'graphql';
import { buildSchema } from '../../../graphql/build-schema';
import { Client, codesOf, startTestApp, type TestApp } from '../../../../test/harness';

/**
 * The legal pages' query: public (read before signing in), and exactly the configured identity of
 * the operator — never anything about a client, whoever asks.
 */

/** An operator other than the demo's, so that every value the answer holds is shown to come from the settings. */
const SETTINGS: Record<string, string> = {
  PUBLIC_URL: 'https://guichet.exemple-domiciliation.fr/',
  SELLER_LEGAL_NAME: 'Adresse Lyon Centre SARL',
  SELLER_LEGAL_FORM: 'SARL',
  SELLER_SHARE_CAPITAL: '8 000 €',
  SELLER_ADDRESS_LINE1: '5 place Bellecour',
  SELLER_ADDRESS_LINE2: 'Bâtiment B',
  SELLER_POSTAL_CODE: '69002',
  SELLER_CITY: 'Lyon',
  SELLER_SIREN: '732 829 320',
  SELLER_SIRET: '73282932000009',
  SELLER_RCS_CITY: 'Lyon',
  SELLER_VAT_NUMBER: 'FR44732829320',
  LEGAL_PUBLICATION_DIRECTOR: 'Marc Durand',
  LEGAL_CONTACT_EMAIL: 'bonjour@exemple-domiciliation.fr',
  LEGAL_CONTACT_PHONE: '04 72 00 00 00',
  LEGAL_DPO_EMAIL: 'rgpd@exemple-domiciliation.fr',
  LEGAL_DOMICILIATION_APPROVAL: '69-2019-117',
  LEGAL_HOST_NAME: 'Hébergeur Test SAS',
  LEGAL_HOST_ADDRESS: '1 quai du Rhône, 69001 Lyon, France',
  LEGAL_HOST_PHONE: '+33 4 72 11 11 11',
  RETENTION_SESSIONS_DAYS: '14',
  RETENTION_RESET_LINKS_DAYS: '3',
  RETENTION_JOURNAL_IP_MONTHS: '6',
  RETENTION_SENT_EMAILS_DAYS: '60',
  RETENTION_FAILED_REQUESTS_DAYS: '20',
  RETENTION_ACCESS_REQUESTS_MONTHS: '9',
};

const QUERY = `query LegalNotice {
  legalNotice {
    legalName legalForm shareCapital
    address { line1 line2 postalCode city country }
    siren siret rcsCity vatNumber
    publicationDirector contactEmail contactPhone dpoEmail domiciliationApproval
    host { name address phone }
    retention { sessionsDays resetLinksDays journalIpMonths sentEmailsDays failedRequestsDays accessRequestsMonths }
  }
}`;

const EXPECTED = {
  legalNotice: {
    legalName: 'Adresse Lyon Centre SARL',
    legalForm: 'SARL',
    shareCapital: '8 000 €',
    address: { line1: '5 place Bellecour', line2: 'Bâtiment B', postalCode: '69002', city: 'Lyon', country: 'FR' },
    siren: '732829320',
    siret: '73282932000009',
    rcsCity: 'Lyon',
    vatNumber: 'FR44732829320',
    publicationDirector: 'Marc Durand',
    contactEmail: 'bonjour@exemple-domiciliation.fr',
    contactPhone: '+33 4 72 00 00 00',
    dpoEmail: 'rgpd@exemple-domiciliation.fr',
    domiciliationApproval: '69-2019-117',
    host: { name: 'Hébergeur Test SAS', address: '1 quai du Rhône, 69001 Lyon, France', phone: '+33 4 72 11 11 11' },
    retention: {
      sessionsDays: 14,
      resetLinksDays: 3,
      journalIpMonths: 6,
      sentEmailsDays: 60,
      failedRequestsDays: 20,
      accessRequestsMonths: 9,
    },
  },
};

describe('legalNotice (public)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(SETTINGS);
  });
  afterAll(async () => app.close());

  it('gives an anonymous caller exactly the configured identity, retention settings included', async () => {
    const res = await app.client().gql(QUERY);
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual(EXPECTED);
  });

  it('answers the same to a member, to staff and to an API token: it depends on no caller', async () => {
    const alice = await app.as('alice');
    const olivia = await app.as('olivia');
    const issued = await alice.gql<{ createApiToken: { secret: string } }>(
      'mutation($id: ID!) { createApiToken(companyId: $id, input: { name: "Mentions", permissions: [MAIL_READ] }) { secret } }',
      { id: await app.companyId('Demo SAS') },
    );
    const secret = issued.data?.createApiToken.secret;
    if (!secret) throw new Error(JSON.stringify(issued.errors));
    for (const client of [alice, olivia, Client.withToken(app.url, secret)]) {
      const res = await client.gql(QUERY);
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual(EXPECTED);
    }
  });

  it('leads nowhere else: its types hold configuration only, with no argument and no way to another type', () => {
    const schema = buildSchema();
    const field = schema.getQueryType()?.getFields().legalNotice;
    expect(field?.args).toEqual([]);
    const reached = new Set<string>();
    const queue: GraphQLObjectType[] = [];
    const root = field && getNamedType(field.type);
    if (root && isObjectType(root)) queue.push(root);
    const argumentsSeen: string[] = [];
    while (queue.length > 0) {
      const type = queue.shift() as GraphQLObjectType;
      if (reached.has(type.name)) continue;
      reached.add(type.name);
      for (const [name, f] of Object.entries(type.getFields())) {
        if (f.args.length > 0) argumentsSeen.push(`${type.name}.${name}`);
        const target = getNamedType(f.type);
        if (isObjectType(target)) queue.push(target);
      }
    }
    expect([...reached].sort()).toEqual(['Address', 'LegalHost', 'LegalNotice', 'RetentionPeriods']);
    expect(argumentsSeen).toEqual([]);
  });

  it('refuses a field it does not have, with the usual validation error and nothing else', async () => {
    const res = await app.client().gql('query { legalNotice { legalName iban } }');
    expect(res.status).toBe(400);
    expect(codesOf(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(res.data).toBeUndefined();
  });

  it('links every email to the legal notice and the privacy notice, on PUBLIC_URL, in the email’s language', async () => {
    const REQUEST = 'mutation($e: String!) { requestPasswordReset(email: $e) }';
    const email = 'alice.martin@demo-sas.fr';
    const latest = async () => {
      await app.runDeferred();
      const [mail] = await app.server.services.outbox.latest(1, email);
      if (!mail) throw new Error(`no email for ${email}`);
      return mail;
    };
    const notice = 'https://guichet.exemple-domiciliation.fr/legal/mentions-legales';
    const privacy = 'https://guichet.exemple-domiciliation.fr/legal/confidentialite';

    await app.client().gql(REQUEST, { e: email });
    const french = await latest();
    expect(french.subject).toBe('Réinitialisez votre mot de passe Guichet');
    expect(french.textBody).toContain(`Mentions légales : ${notice}\nPolitique de confidentialité : ${privacy}`);
    expect(french.htmlBody).toContain(`<a href="${notice}" style="color:#4b5563">Mentions légales</a>`);
    expect(french.htmlBody).toContain(`<a href="${privacy}" style="color:#4b5563">Politique de confidentialité</a>`);

    const alice = await app.as('alice');
    expect((await alice.gql('mutation { setMyLocale(locale: EN) { locale } }')).errors).toBeUndefined();
    await app.client().gql(REQUEST, { e: email });
    const english = await latest();
    expect(english.subject).toBe('Reset your Guichet password');
    expect(english.textBody).toContain(`Legal notice: ${notice}\nPrivacy notice: ${privacy}`);
    expect(english.htmlBody).toContain(`<a href="${notice}" style="color:#4b5563">Legal notice</a>`);
    expect(english.htmlBody).toContain(`<a href="${privacy}" style="color:#4b5563">Privacy notice</a>`);
    expect(english.htmlBody).not.toContain('Mentions légales');
  });
});
