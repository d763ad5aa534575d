import { ActivityEventEntity } from '../modules/activity/activity-event.entity';
import { PasswordResetEntity } from '../modules/auth/password-reset.entity';
import { SessionEntity } from '../modules/auth/session.entity';
import { UserEntity } from '../modules/auth/user.entity';
import { CompanyEntity } from '../modules/companies/company.entity';
import { OutboxEmailEntity } from '../modules/mailer/outbox-email.entity';
import { MembershipEntity } from '../modules/team/membership.entity';

export const entities = [
  CompanyEntity,
  UserEntity,
  MembershipEntity,
  SessionEntity,
  PasswordResetEntity,
  ActivityEventEntity,
  OutboxEmailEntity,
];
