import { isLastActiveAdmin } from '../last-admin';

const admin = (id: string, status = 'ACTIVE') => ({ id, status, scopes: ['ADMIN'] as const });
const courrier = (id: string) => ({ id, status: 'ACTIVE', scopes: ['COURRIER'] as const });

describe('the last active administrator', () => {
  it('is the only active member with ADMIN', () => {
    const alice = admin('alice');
    expect(isLastActiveAdmin(alice, [alice, courrier('bruno')])).toBe(true);
    expect(isLastActiveAdmin(alice, [courrier('bruno')])).toBe(true);
  });

  it('is not when another active administrator remains (a suspended one does not count)', () => {
    const alice = admin('alice');
    expect(isLastActiveAdmin(alice, [alice, admin('david')])).toBe(false);
    expect(isLastActiveAdmin(alice, [alice, admin('david', 'SUSPENDED')])).toBe(true);
  });

  it('never concerns a member who is not an active administrator', () => {
    expect(isLastActiveAdmin(courrier('bruno'), [courrier('bruno')])).toBe(false);
    expect(isLastActiveAdmin(admin('chloe', 'SUSPENDED'), [admin('chloe', 'SUSPENDED')])).toBe(false);
  });
});
