import { DomainError } from '../../common/domain-error';

export const lastAdmin = (): DomainError =>
  new DomainError('LAST_ADMIN', 'This is the last administrator of the company: make someone else an administrator first.');

export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  const code = e.driverError?.code ?? e.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
