import { ApiTokenEntity } from '../modules/api-tokens/api-token.entity';
import { ActivityEventEntity } from '../modules/activity/activity-event.entity';
import { PasswordResetEntity } from '../modules/auth/password-reset.entity';
import { SessionEntity } from '../modules/auth/session.entity';
import { UserEntity } from '../modules/auth/user.entity';
import { CompanyEntity } from '../modules/companies/company.entity';
import { DeferredRequestEntity } from '../modules/deferred/deferred-request.entity';
import { FormalityEntity, FormalityEventEntity } from '../modules/formalities/formality.entity';
import {
  FormalityDocumentEntity,
  InformationAnswerEntity,
  InformationRequestEntity,
} from '../modules/formalities/information-request.entity';
import { SignatureEventEntity, SignatureRequestEntity } from '../modules/signatures/signature-request.entity';
import { InvoiceEntity, InvoiceLineEntity } from '../modules/invoices/invoice.entity';
import { InvoicePaymentEntity } from '../modules/invoices/payment.entity';
import { InvoicePlanEntity, InvoiceSequenceEntity } from '../modules/invoices/plan.entity';
import { OutboxEmailEntity } from '../modules/mailer/outbox-email.entity';
import { ForwardingRequestEntity, ForwardingRequestItemEntity } from '../modules/mail/forwarding-request.entity';
import { MailItemEntity, MailItemTagEntity } from '../modules/mail/mail-item.entity';
import { TagEntity } from '../modules/mail/tag.entity';
import { AccessRequestEntity } from '../modules/team/access-request.entity';
import { InvitationEntity } from '../modules/team/invitation.entity';
import { MembershipEntity } from '../modules/team/membership.entity';

export const entities = [
  CompanyEntity,
  UserEntity,
  MembershipEntity,
  SessionEntity,
  PasswordResetEntity,
  ActivityEventEntity,
  OutboxEmailEntity,
  InvitationEntity,
  AccessRequestEntity,
  MailItemEntity,
  MailItemTagEntity,
  TagEntity,
  ForwardingRequestEntity,
  ForwardingRequestItemEntity,
  ApiTokenEntity,
  DeferredRequestEntity,
  InvoicePlanEntity,
  InvoiceSequenceEntity,
  InvoiceEntity,
  InvoiceLineEntity,
  InvoicePaymentEntity,
  FormalityEntity,
  FormalityEventEntity,
  InformationRequestEntity,
  InformationAnswerEntity,
  FormalityDocumentEntity,
  SignatureRequestEntity,
  SignatureEventEntity,
];
