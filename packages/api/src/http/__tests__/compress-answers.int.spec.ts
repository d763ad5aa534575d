import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { PERSONA_EMAILS, startTestApp, type TestApp } from '../../../test/harness';

/** A raw POST (fetch would ask for and undo the compression itself). */
function post(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('GraphQL answers compressed when the client accepts it', () => {
  let app: TestApp;
  let cookie: string;
  let companyId: string;
  const LIST = JSON.stringify({ query: '{ me { memberships { company { id } } } }' });

  beforeAll(async () => {
    app = await startTestApp();
    const login = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { user { id } } }',
        variables: { e: PERSONA_EMAILS.alice, p: 'demo-guichet-2026' },
      }),
    });
    cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    const me = JSON.parse((await post(`${app.url}/graphql`, LIST, { cookie })).body.toString()) as {
      data: { me: { memberships: { company: { id: string } }[] } };
    };
    companyId = me.data.me.memberships[0]?.company.id ?? '';
  });
  afterAll(async () => app.close());

  const mailList = () =>
    JSON.stringify({
      query: 'query($c: ID!) { company(id: $c) { mailItems(first: 20) { edges { node { id sender recipient receivedAt } } } } }',
      variables: { c: companyId },
    });

  it('gzips an answer of 1 kB or more, and the bytes are the same JSON once inflated', async () => {
    const plain = await post(`${app.url}/graphql`, mailList(), { cookie });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);
    const zipped = await post(`${app.url}/graphql`, mailList(), { cookie, 'accept-encoding': 'gzip, deflate, br' });
    expect(zipped.status).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['content-type']).toMatch(/^application\/json/);
    expect(zipped.headers['cache-control']).toBe('no-store');
    expect(zipped.headers.vary).toMatch(/Accept-Encoding/i);
    expect(zipped.body.length).toBeLessThan(plain.body.length / 2);
    expect(gunzipSync(zipped.body).toString()).toBe(plain.body.toString());
  });

  it('leaves small answers, and clients that refuse gzip, uncompressed', async () => {
    const small = await post(`${app.url}/graphql`, JSON.stringify({ query: '{ __typename }' }), { cookie, 'accept-encoding': 'gzip' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString())).toEqual({ data: { __typename: 'Query' } });
    const refused = await post(`${app.url}/graphql`, mailList(), { cookie, 'accept-encoding': 'gzip;q=0, identity' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(refused.body.toString()).data.company.mailItems.edges.length).toBe(20);
  });

  it('compresses error answers too, keeping their status', async () => {
    const big = `{ ${Array.from({ length: 60 }, (_, i) => `a${i}: nothingHere`).join(' ')} }`;
    const res = await post(`${app.url}/graphql`, JSON.stringify({ query: big }), { cookie, 'accept-encoding': 'gzip' });
    expect(res.status).toBe(400);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(res.body).toString()).errors.length).toBeGreaterThan(0);
  });
});
