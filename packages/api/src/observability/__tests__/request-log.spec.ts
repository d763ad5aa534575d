import type { IncomingMessage } from 'node:http';
import { routeOf } from '../request-log';
import { acceptedRequestId } from '../request-record';

const request = (fields: Record<string, unknown>): IncomingMessage => fields as unknown as IncomingMessage;

describe('request lines', () => {
  it('accept a caller’s request id only when it is short and safe', () => {
    expect(acceptedRequestId('abc-123_DEF.9')).toBe('abc-123_DEF.9');
    expect(acceptedRequestId('a'.repeat(64))).toBe('a'.repeat(64));
    for (const bad of ['a'.repeat(65), '', 'has space', 'semi;colon', 'new\nline', 'é', '<script>'])
      expect(acceptedRequestId(bad)).toBeNull();
    expect(acceptedRequestId(['one', 'two'])).toBeNull();
    expect(acceptedRequestId(undefined)).toBeNull();
  });

  it('name the route pattern that answered, never the path or the query', () => {
    expect(
      routeOf(request({ baseUrl: '/files', route: { path: '/mail/:companyId/:mailItemId' }, originalUrl: '/files/mail/1/2?s=x' })),
    ).toBe('/files/mail/:companyId/:mailItemId');
    expect(routeOf(request({ baseUrl: '', route: { path: '/healthz' }, originalUrl: '/healthz' }))).toBe('/healthz');
    expect(routeOf(request({ baseUrl: '/dev-api/mailbox', route: { path: '/' }, originalUrl: '/dev-api/mailbox/' }))).toBe(
      '/dev-api/mailbox',
    );
    // Mounted apps and unknown paths: the mount, or `*`.
    expect(routeOf(request({ originalUrl: '/graphql?query=%7Bme%7D' }))).toBe('/graphql');
    expect(routeOf(request({ originalUrl: '/files/exports/secret-token' }))).toBe('/files/*');
    expect(routeOf(request({ originalUrl: '/assets/index-abc.js' }))).toBe('/assets/*');
    expect(routeOf(request({ originalUrl: '/reset-password?token=secret' }))).toBe('*');
    expect(routeOf(request({ originalUrl: '/invitation?token=secret' }))).toBe('*');
    expect(routeOf(request({ url: '/readyz' }))).toBe('/readyz');
    expect(routeOf(request({ url: '/' }))).toBe('/');
    // The web app's catch-all is a regular expression: `*` too.
    expect(routeOf(request({ route: { path: /^(?!\/graphql).*/ }, originalUrl: '/c/123/mail' }))).toBe('*');
  });
});
