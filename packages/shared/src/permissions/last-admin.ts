import type { Scope } from './scopes';

/** What the rule needs to know of a membership. */
export interface AdminRuleMember {
  id: string;
  status: string;
  scopes: readonly Scope[] | readonly string[];
}

/**
 * Whether `target` is the company's only active administrator among `members` (the company's
 * memberships; `target` may be among them). Such a member cannot lose the ADMIN scope, be
 * suspended or be removed (LAST_ADMIN): a company always keeps an administrator. The API checks it
 * under a lock on the company; the SPA uses it to disable what would be refused, and say why.
 */
export function isLastActiveAdmin(target: AdminRuleMember, members: readonly AdminRuleMember[]): boolean {
  const isActiveAdmin = (member: AdminRuleMember) => member.status === 'ACTIVE' && (member.scopes as readonly string[]).includes('ADMIN');
  if (!isActiveAdmin(target)) return false;
  return !members.some((member) => member.id !== target.id && isActiveAdmin(member));
}
