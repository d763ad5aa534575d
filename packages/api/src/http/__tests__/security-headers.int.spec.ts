import fs from 'node:fs';
import path from 'node:path';
import { PERSONA_EMAILS, startTestApp, type TestApp } from '../../../test/harness';
import { PLAYGROUND_CSP } from '../playground';

const LOGIN = 'mutation($e:String!,$p:String!){ login(email:$e,password:$p){ user { email } } }';
const ME = '{ me { user { email } } }';

async function signIn(app: TestApp): Promise<{ setCookie: string; pair: string }> {
  const res = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: LOGIN, variables: { e: PERSONA_EMAILS.alice, p: 'demo-guichet-2026' } }),
  });
  expect(res.status).toBe(200);
  const setCookie = res.headers.getSetCookie().find((c) => /guichet_session=/.test(c)) ?? '';
  return { setCookie, pair: setCookie.split(';')[0] ?? '' };
}

async function me(app: TestApp, cookie: string): Promise<string | null> {
  const res = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ query: ME }),
  });
  const body = (await res.json()) as { data?: { me: { user: { email: string } } | null } };
  return body.data?.me?.user.email ?? null;
}

/** The directives of a Content-Security-Policy, by name. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name ?? '', values]),
  );
}

describe('production: __Host- session cookie and HSTS', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ NODE_ENV: 'production' });
  });
  afterAll(async () => app.close());

  it('sets the session as __Host-guichet_session: Secure, Path=/, no Domain, HttpOnly', async () => {
    const { setCookie, pair } = await signIn(app);
    expect(setCookie).toMatch(/^__Host-guichet_session=[A-Za-z0-9_-]{20,};/);
    const attributes = setCookie.split(';').map((a) => a.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(['path=/', 'secure', 'httponly', 'samesite=lax']));
    expect(attributes.some((a) => a.startsWith('domain='))).toBe(false);
    // Read back under that name (the server answers over plain http here; a browser would need https).
    expect(await me(app, pair)).toBe(PERSONA_EMAILS.alice);
    // The development name is not a session in production.
    expect(await me(app, pair.replace(/^__Host-/, ''))).toBeNull();
  });

  it('sends Strict-Transport-Security', async () => {
    for (const target of ['/healthz', '/graphql?query=%7B__typename%7D', '/']) {
      const res = await fetch(`${app.url}${target}`, { headers: { accept: 'text/html', 'apollo-require-preflight': 'true' } });
      expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    }
  });
});

describe('GraphQL answers are never stored', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ NODE_ENV: 'production' });
  });
  afterAll(async () => app.close());

  it('sends Cache-Control: no-store on answers with data, on errors and on refusals', async () => {
    const { pair } = await signIn(app);
    const post = (query: string, cookie = pair) =>
      fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ query }),
      });
    const withData = await post(ME);
    expect(withData.status).toBe(200);
    expect(withData.headers.get('cache-control')).toBe('no-store');
    const invalid = await post('{ nothingHere }');
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('cache-control')).toBe('no-store');
    const anonymous = await post(ME, '');
    expect(anonymous.headers.get('cache-control')).toBe('no-store');
  });
});

describe('development: plain cookie, no HSTS', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ NODE_ENV: 'development' });
  });
  afterAll(async () => app.close());

  it('keeps working over plain http with guichet_session and sends no HSTS', async () => {
    const { setCookie, pair } = await signIn(app);
    expect(setCookie).toMatch(/^guichet_session=/);
    expect(setCookie.toLowerCase()).not.toMatch(/;\s*secure/);
    expect(await me(app, pair)).toBe(PERSONA_EMAILS.alice);
    const res = await fetch(`${app.url}/healthz`);
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });
});

describe('Content-Security-Policy of the SPA', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app.close());

  it("allows scripts from this origin only: no 'unsafe-inline' or 'unsafe-eval'", async () => {
    const res = await fetch(`${app.url}/mail`, { headers: { accept: 'text/html' } });
    const csp = directives(res.headers.get('content-security-policy') ?? '');
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    // Style sheets from this origin only; style attributes (emails in the dev mailbox) allowed.
    expect(csp.get('style-src-elem')).toEqual(["'self'"]);

    const indexHtml = path.join(app.env.webDistDir, 'index.html');
    if (!fs.existsSync(indexHtml)) {
      console.warn(`SPA HTML not checked: ${indexHtml} is missing (run \`pnpm build\`).`);
      return;
    }
    expect(res.status).toBe(200);
    const html = await res.text();
    // Every script of the page is a file: nothing the policy would block.
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, content] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/assets\//);
      expect(content?.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b|\son[a-z]+=/i);
  });

  it('keeps the playground on its own policy', async () => {
    const res = await fetch(`${app.url}/playground`);
    if (res.status === 503) {
      console.warn('Playground policy not checked: the web app is not built.');
      return;
    }
    expect(res.headers.get('content-security-policy')).toBe(PLAYGROUND_CSP);
  });
});
