import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ContactSubjectEnum, MembershipStatusEnum, ScopeEnum } from '../../graphql/enums';

export enum RoleEnum {
  ADMINISTRATEUR = 'ADMINISTRATEUR',
  GESTION_COURRIER = 'GESTION_COURRIER',
  FACTURATION = 'FACTURATION',
  GESTION_FORMALITE = 'GESTION_FORMALITE',
}
registerEnumType(RoleEnum, {
  name: 'Role',
  description: 'A named preset of scopes. Null where scopes are combined (e.g. COURRIER + FACTURATION).',
});

export enum InvitationStatusEnum {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}
registerEnumType(InvitationStatusEnum, {
  name: 'InvitationStatus',
  description: 'EXPIRED is a pending invitation whose link is past its 7 days.',
});

export enum AccessRequestStatusEnum {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
registerEnumType(AccessRequestStatusEnum, { name: 'AccessRequestStatus' });

export enum InvitationRowStatusEnum {
  INVITED = 'INVITED',
  FAILED = 'FAILED',
}
registerEnumType(InvitationRowStatusEnum, { name: 'InvitationRowStatus' });

@ObjectType('Member', { description: 'A person with access to the company.' })
export class MemberType {
  @Field(() => ID, { description: 'The membership id (used by the team mutations).' })
  id: string;

  @Field(() => ID)
  userId: string;

  @Field(() => String)
  email: string;

  @Field(() => String)
  firstName: string;

  @Field(() => String)
  lastName: string;

  @Field(() => String, { nullable: true })
  phone: string | null;

  @Field(() => String, { nullable: true })
  jobTitle: string | null;

  @Field(() => [ScopeEnum])
  scopes: ScopeEnum[];

  @Field(() => RoleEnum, { nullable: true })
  role: RoleEnum | null;

  @Field(() => MembershipStatusEnum)
  status: MembershipStatusEnum;

  @Field(() => [ContactSubjectEnum])
  contactFor: ContactSubjectEnum[];

  @Field(() => String, { nullable: true, description: 'Who invited them (name).' })
  invitedByName: string | null;

  @Field(() => Boolean, { description: 'They joined through an invitation link sent by email.' })
  linkReceived: boolean;

  @Field(() => GraphQLISODateTime)
  joinedAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  lastLoginAt: Date | null;
}

@ObjectType('Invitation')
export class InvitationType {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  email: string;

  @Field(() => String)
  firstName: string;

  @Field(() => String)
  lastName: string;

  @Field(() => String, { nullable: true })
  phone: string | null;

  @Field(() => String, { nullable: true })
  jobTitle: string | null;

  @Field(() => [ScopeEnum])
  scopes: ScopeEnum[];

  @Field(() => RoleEnum, { nullable: true })
  role: RoleEnum | null;

  @Field(() => [ContactSubjectEnum])
  contactFor: ContactSubjectEnum[];

  @Field(() => InvitationStatusEnum)
  status: InvitationStatusEnum;

  @Field(() => GraphQLISODateTime)
  expiresAt: Date;

  @Field(() => Int, { description: 'How many times the link was emailed (first send included).' })
  sentCount: number;

  @Field(() => GraphQLISODateTime, { nullable: true })
  lastSentAt: Date | null;

  @Field(() => String, { nullable: true })
  invitedByName: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description:
      'When the invitee asked, from an expired or withdrawn link, for a new one; null once a new link is sent (or the invitation withdrawn after the request). resendInvitation answers it, also on a withdrawn invitation.',
  })
  newLinkRequestedAt: Date | null;
}

@ObjectType('AccessRequest', { description: 'Someone asked to join the company from the public form.' })
export class AccessRequestType {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  email: string;

  @Field(() => String)
  firstName: string;

  @Field(() => String)
  lastName: string;

  @Field(() => String, { nullable: true })
  message: string | null;

  @Field(() => AccessRequestStatusEnum)
  status: AccessRequestStatusEnum;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  decidedAt: Date | null;
}

@ObjectType('FieldProblem', {
  description: 'An error or a warning on one field of one row. `message` is in English; clients may translate `code`.',
})
export class FieldProblemType {
  @Field(() => String)
  field: string;

  @Field(() => String)
  code: string;

  @Field(() => String)
  message: string;

  @Field(() => String, { nullable: true, description: 'For EMAIL_DOMAIN_TYPO: the suggested address.' })
  suggestion: string | null;
}

@ObjectType('InvitationRowResult')
export class InvitationRowResultType {
  @Field(() => Int, { description: 'Position of the row in the request (from 0).' })
  index: number;

  @Field(() => String, { description: 'The email as normalised.' })
  email: string;

  @Field(() => InvitationRowStatusEnum)
  status: InvitationRowStatusEnum;

  @Field(() => InvitationType, { nullable: true })
  invitation: InvitationType | null;

  @Field(() => [FieldProblemType])
  errors: FieldProblemType[];

  @Field(() => [FieldProblemType])
  warnings: FieldProblemType[];
}

@ObjectType('InviteMembersResult')
export class InviteMembersResultType {
  @Field(() => [InvitationRowResultType])
  rows: InvitationRowResultType[];

  @Field(() => Int)
  invitedCount: number;

  @Field(() => Int)
  failedCount: number;
}

@ObjectType('InvitationPreview', { description: 'What an invitation link shows before it is accepted.' })
export class InvitationPreviewType {
  @Field(() => ID, { description: 'The company the invitation opens (its data stays reserved to members).' })
  companyId: string;

  @Field(() => String)
  companyName: string;

  @Field(() => String, { nullable: true })
  inviterName: string | null;

  @Field(() => String)
  email: string;

  @Field(() => String)
  firstName: string;

  @Field(() => String)
  lastName: string;

  @Field(() => [ScopeEnum])
  scopes: ScopeEnum[];

  @Field(() => RoleEnum, { nullable: true })
  role: RoleEnum | null;

  @Field(() => InvitationStatusEnum)
  status: InvitationStatusEnum;

  @Field(() => GraphQLISODateTime)
  expiresAt: Date;

  @Field(() => Boolean, { description: 'An account already exists for the invited address: sign in to accept.' })
  accountExists: boolean;
}

@ObjectType('ApproveAccessRequestResult')
export class ApproveAccessRequestResultType {
  @Field(() => AccessRequestType)
  request: AccessRequestType;

  @Field(() => InvitationRowResultType)
  invitation: InvitationRowResultType;
}
