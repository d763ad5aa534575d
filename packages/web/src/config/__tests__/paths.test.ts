import { paths, safeRedirect } from '@/config/paths';

describe('safeRedirect', () => {
  it.each(['/c/1/mail', '/operator?x=1', '/'])('keeps the site path %s', (path) => {
    expect(safeRedirect(path)).toBe(path);
  });

  it.each(['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '', null])('refuses %p', (target) => {
    expect(safeRedirect(target)).toBeNull();
  });
});

describe('login href', () => {
  it('carries the return-to path and the reason', () => {
    expect(paths.auth.login.getHref('/c/1/mail?page=2', 'expired')).toBe('/login?next=%2Fc%2F1%2Fmail%3Fpage%3D2&reason=expired');
    expect(paths.auth.login.getHref('/')).toBe('/login');
    expect(paths.auth.login.getHref('//evil.example')).toBe('/login');
  });
});
