import { can, PERMISSIONS, SCOPES, type Scope } from '@guichet/shared';
import { render, renderHook, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { COMPANY_PAGES, getCompanyPage, type CompanyPage } from '@/config/paths';
import { Can, canOpenPage, companyLandingHref, firstAllowedPage, MembershipProvider, useCan } from '@/lib/authorization';
import { buildMembership } from '@/testing/fixtures';

const scopeSets: Scope[][] = [...SCOPES.map((scope) => [scope]), ['COURRIER', 'FACTURATION'], ['FACTURATION', 'FORMALITE']];

describe('useCan', () => {
  it.each(scopeSets)('agrees with the shared can() for %p on every permission', (...scopes) => {
    const membership = buildMembership(scopes);
    const wrapper = ({ children }: { children: ReactNode }) => <MembershipProvider membership={membership}>{children}</MembershipProvider>;
    const { result } = renderHook(() => useCan(), { wrapper });
    for (const permission of PERMISSIONS) {
      expect(result.current(permission)).toBe(can(scopes, permission));
    }
  });

  it('denies everything outside a company', () => {
    const { result } = renderHook(() => useCan());
    expect(PERMISSIONS.some((permission) => result.current(permission))).toBe(false);
  });
});

describe('<Can>', () => {
  it('renders the children or the fallback', () => {
    render(
      <MembershipProvider membership={buildMembership(['COURRIER'])}>
        <Can permission="mail:download">download</Can>
        <Can permission="invoice:download" fallback={<span>no invoices</span>}>
          invoices
        </Can>
      </MembershipProvider>,
    );
    expect(screen.getByText('download')).toBeInTheDocument();
    expect(screen.queryByText('invoices')).toBeNull();
    expect(screen.getByText('no invoices')).toBeInTheDocument();
  });
});

describe('canOpenPage', () => {
  it('opens a section with any one of the permissions it lists', () => {
    const page: CompanyPage = { ...getCompanyPage('settings'), anyOf: ['invoice:read', 'mail:read'] };
    expect(canOpenPage(['COURRIER'], page)).toBe(true);
    expect(canOpenPage(['FACTURATION'], page)).toBe(true);
    expect(canOpenPage(['FORMALITE'], page)).toBe(false);
    expect(canOpenPage(null, page)).toBe(false);
  });

  it('opens Paramètres to those who manage API tokens or the company', () => {
    expect(getCompanyPage('settings').anyOf).toEqual(['apiToken:manage', 'company:update']);
    for (const scopes of scopeSets) {
      expect(canOpenPage(scopes, getCompanyPage('settings'))).toBe(can(scopes, 'apiToken:manage') || can(scopes, 'company:update'));
    }
  });
});

describe('landing pages', () => {
  it('is the first section in navigation order that the scopes open', () => {
    for (const scopes of scopeSets) {
      const expected = COMPANY_PAGES.find((page) => page.anyOf.some((permission) => can(scopes, permission))) ?? null;
      expect(firstAllowedPage(scopes)).toBe(expected);
    }
  });

  it('keeps the current section when switching company if it is allowed there', () => {
    const membership = buildMembership(['COURRIER', 'FACTURATION'], { id: 'beta' });
    expect(companyLandingHref(membership, 'invoices')).toBe('/c/beta/invoices');
    expect(companyLandingHref(membership, 'team')).toBe('/c/beta/mail');
    expect(companyLandingHref(membership)).toBe('/c/beta/mail');
  });
});
