import { DomainError } from '../../common/domain-error';

export const lastAdmin = (): DomainError =>
  new DomainError('LAST_ADMIN', 'This is the last administrator of the company: make someone else an administrator first.');
