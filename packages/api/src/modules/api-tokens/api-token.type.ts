import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { API_TOKEN_PRESET_NAMES, type ApiTokenPreset, type OperatorTokenCapability, type Permission } from '@guichet/shared';
import { OperatorTokenCapabilityEnum, PermissionEnum } from '../../graphql/enums';
import { CompanyType } from '../companies/company.type';
import type { ApiTokenStatus } from './api-tokens.service';

export const ApiTokenStatusEnum = {
  ACTIVE: 'ACTIVE',
  ROTATING: 'ROTATING',
  EXPIRED: 'EXPIRED',
  REVOKED: 'REVOKED',
} as const satisfies Record<ApiTokenStatus, ApiTokenStatus>;
registerEnumType(ApiTokenStatusEnum, {
  name: 'ApiTokenStatus',
  description: 'ACTIVE; ROTATING: replaced by a rotation, still accepted until graceEndsAt; EXPIRED; REVOKED.',
});

export const ApiTokenPresetEnum = Object.fromEntries(API_TOKEN_PRESET_NAMES.map((p) => [p, p])) as { readonly [K in ApiTokenPreset]: K };
registerEnumType(ApiTokenPresetEnum, {
  name: 'ApiTokenPreset',
  description: 'Permission sets offered when creating a token: MAIL_READ_ONLY, MAIL_FULL, INVOICES, FORMALITIES.',
});

@ObjectType()
abstract class TokenBase {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;

  @Field(() => String, { description: 'The first characters of the secret, to recognise it (the secret itself is never shown again).' })
  prefix: string;

  @Field(() => ApiTokenStatusEnum)
  status: ApiTokenStatus;

  @Field(() => String, { nullable: true, description: 'Who created it: the token acts on their behalf.' })
  createdByName: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime)
  expiresAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Last use (updated at most once a minute).' })
  lastUsedAt: Date | null;

  @Field(() => String, { nullable: true })
  lastUsedIp: string | null;

  @Field(() => [String], { description: 'CIDR ranges it may be used from; empty: any address.' })
  allowedIps: string[];

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'After a rotation: the old secret works until then.' })
  graceEndsAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  revokedAt: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'REVOKED (by a person), CREATOR_REMOVED, CREATOR_SUSPENDED or CREATOR_NOT_ADMIN (its creator lost Administrateur).',
  })
  revokedReason: string | null;

  @Field(() => ID, { nullable: true, description: 'The token this one replaced by rotation.' })
  rotatedFromId: string | null;
}

@ObjectType('ApiToken', { description: 'A company’s API token for a third-party program.' })
export class ApiTokenType extends TokenBase {
  @Field(() => [PermissionEnum])
  permissions: Permission[];

  @Field(() => ApiTokenPresetEnum, { nullable: true, description: 'The preset these permissions match, or null for a custom set.' })
  preset: ApiTokenPreset | null;
}

@ObjectType('OperatorToken', { description: 'A token of the operator’s own programs (scanning station, billing tool).' })
export class OperatorTokenType extends TokenBase {
  @Field(() => [OperatorTokenCapabilityEnum])
  capabilities: OperatorTokenCapability[];
}

@ObjectType('IssuedApiToken', { description: 'A new token and its secret. The secret is shown this once and never again.' })
export class IssuedApiTokenType {
  @Field(() => ApiTokenType)
  token: ApiTokenType;

  @Field(() => String, { description: 'Send it as `Authorization: Bearer <secret>`. Store it now: it cannot be shown again.' })
  secret: string;
}

@ObjectType('IssuedOperatorToken', { description: 'A new operator token and its secret, shown this once.' })
export class IssuedOperatorTokenType {
  @Field(() => OperatorTokenType)
  token: OperatorTokenType;

  @Field(() => String)
  secret: string;
}

@ObjectType('CurrentApiToken', { description: 'The API token of the request, and the company it acts for.' })
export class CurrentApiTokenType {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;

  @Field(() => [PermissionEnum])
  permissions: Permission[];

  @Field(() => CompanyType)
  company: CompanyType;
}

@InputType('CreateApiTokenInput')
export class CreateApiTokenInput {
  @Field(() => String, { description: 'What it is for, e.g. "Export comptable Pennylane" (at most 80 characters).' })
  name: string;

  @Field(() => [PermissionEnum], {
    description:
      'Among the permissions of COURRIER, FACTURATION and FORMALITE, less those that need a person; company:read is always added.',
  })
  permissions: Permission[];

  @Field(() => Int, { nullable: true, description: 'Days until it expires: 1 to 366, default 90.' })
  expiresInDays: number | null;

  @Field(() => [String], { nullable: true, description: 'Addresses or CIDR ranges it may be used from (at most 20); empty: any.' })
  allowedIps: string[] | null;
}

@InputType('CreateOperatorTokenInput')
export class CreateOperatorTokenInput {
  @Field(() => String)
  name: string;

  @Field(() => [OperatorTokenCapabilityEnum])
  capabilities: OperatorTokenCapability[];

  @Field(() => Int, { nullable: true, description: 'Days until it expires: 1 to 366, default 90.' })
  expiresInDays: number | null;

  @Field(() => [String], { nullable: true })
  allowedIps: string[] | null;
}
