import type { Permission } from './permissions';
import type { Scope } from './scopes';

/**
 * Which scopes grant each permission (DESIGN.md §2). ADMIN is listed only where it is the sole
 * grantor; `can()` applies "ADMIN implies every scope" on top of this table.
 */
export const PERMISSION_MATRIX: Readonly<Record<Permission, readonly Scope[]>> = {
  'company:read': ['ADMIN', 'COURRIER', 'FACTURATION', 'FORMALITE'],
  'company:update': ['ADMIN'],
  'team:read': ['ADMIN'],
  'team:invite': ['ADMIN'],
  'team:manage': ['ADMIN'],
  'mail:read': ['COURRIER'],
  'mail:download': ['COURRIER'],
  'mail:export': ['COURRIER'],
  'mail:tag': ['COURRIER'],
  'mail:forward': ['COURRIER'],
  'invoice:read': ['FACTURATION'],
  'invoice:download': ['FACTURATION'],
  'formality:read': ['FORMALITE'],
  'formality:respond': ['FORMALITE'],
  'formality:download': ['FORMALITE'],
  'formality:sign': ['FORMALITE'],
  'apiToken:manage': ['ADMIN'],
  'activity:read': ['ADMIN'],
};
