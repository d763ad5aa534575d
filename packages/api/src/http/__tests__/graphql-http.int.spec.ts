import { serverAudits } from 'graphql-http';
import { startTestApp, type TestApp } from '../../../test/harness';

interface ErrorBody {
  errors: { message: string; extensions: { code: string } }[];
}

describe('/graphql over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app.close());

  const post = (body: string | Uint8Array, contentType?: string): Promise<Response> =>
    fetch(`${app.url}/graphql`, { method: 'POST', headers: contentType ? { 'content-type': contentType } : {}, body });

  async function expectJsonError(res: Response, status: number, code: string): Promise<void> {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as ErrorBody;
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]?.extensions.code).toBe(code);
    expect(typeof body.errors[0]?.message).toBe('string');
  }

  it('answers a 10 MB body with 413 PAYLOAD_TOO_LARGE in JSON', async () => {
    const big = JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(10 * 1024 * 1024) } });
    await expectJsonError(await post(big, 'application/json'), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers another Content-Type, or none, with 415 UNSUPPORTED_MEDIA_TYPE in JSON', async () => {
    const body = JSON.stringify({ query: '{ __typename }' });
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      undefined,
    ]) {
      await expectJsonError(await post(body, type), 415, 'UNSUPPORTED_MEDIA_TYPE');
    }
    await expectJsonError(await post(body, 'application/json; charset=latin1'), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers malformed JSON with 400 in JSON', async () => {
    await expectJsonError(await post('{"query": "{ __typename }"', 'application/json'), 400, 'BAD_REQUEST');
  });

  it('still answers well-formed requests, POST with JSON and GET with the CSRF header', async () => {
    const ok = await post(JSON.stringify({ query: '{ __typename }' }), 'application/json; charset=utf-8');
    expect(await ok.json()).toEqual({ data: { __typename: 'Query' } });
    const get = await fetch(`${app.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': '1' },
    });
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('passes every MUST of the GraphQL-over-HTTP audit (graphql-http); the SHOULDs it misses are those docs/api.md explains', async () => {
    const results = await Promise.all(
      serverAudits({ url: `${app.url}/graphql` }).map(async (audit) => ({ audit, result: await audit.fn() })),
    );
    const failed = (status: string): string[] =>
      results.filter((r) => r.result.status === status).map((r) => `${r.audit.id} ${r.audit.name}`);
    const errors = failed('error');
    const warnings = failed('warn');
    const notices = failed('notice');
    console.log(
      `graphql-http audit: ${results.length} audits, ${results.filter((r) => r.result.status === 'ok').length} ok, ` +
        `${errors.length} MUST failed, ${warnings.length} SHOULD failed, ${notices.length} MAY not done\n` +
        [...warnings, ...notices].map((w) => `  ${w}`).join('\n'),
    );
    expect(errors).toEqual([]);
    expect(warnings.map((w) => w.slice(0, 4)).sort()).toEqual(['572B', '7B9B', 'FDE2']);
  });
});
