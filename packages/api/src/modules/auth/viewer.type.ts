import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { RequiresSignIn } from '../../graphql/access';
import { ContactSubjectEnum, LocaleEnum, MembershipStatusEnum, ScopeEnum } from '../../graphql/enums';
import { CompanyType } from '../companies/company.type';

@ObjectType('User')
export class UserType {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  email: string;

  @Field(() => String)
  firstName: string;

  @Field(() => String)
  lastName: string;

  @Field(() => String, { nullable: true, description: 'E.164, e.g. +33612345678.' })
  phone: string | null;

  @Field(() => LocaleEnum)
  locale: LocaleEnum;

  @Field(() => Boolean, { description: 'Operator staff (platform level, not a company membership).' })
  isStaff: boolean;

  @Field(() => GraphQLISODateTime, { nullable: true })
  lastLoginAt: Date | null;
}

@ObjectType('ViewerMembership', { description: 'The signed-in user’s own membership of a company.' })
export class ViewerMembershipType {
  @Field(() => ID)
  id: string;

  @Field(() => CompanyType)
  company: CompanyType;

  @Field(() => [ScopeEnum])
  scopes: ScopeEnum[];

  @Field(() => [String], { description: 'The permissions these scopes grant, from the shared matrix (e.g. mail:read).' })
  permissions: string[];

  @Field(() => MembershipStatusEnum)
  status: MembershipStatusEnum;

  @Field(() => String, { nullable: true })
  jobTitle: string | null;

  @Field(() => [ContactSubjectEnum])
  contactFor: ContactSubjectEnum[];
}

@ObjectType('ViewerSuspension', {
  description: 'A membership of the signed-in user that an administrator suspended: it gives no access until reactivated.',
})
export class ViewerSuspensionType {
  @Field(() => ID, { description: 'The membership.' })
  id: string;

  @Field(() => ID)
  companyId: string;

  @Field(() => String, { description: 'The company’s name, so the person knows whose administrators can reactivate them.' })
  companyName: string;
}

@ObjectType('Viewer', { description: 'The signed-in user and the companies they can open.' })
export class ViewerType {
  @Field(() => UserType)
  user: UserType;

  @Field(() => [ViewerMembershipType], { description: 'Active memberships only: a suspended membership gives no access.' })
  @RequiresSignIn()
  memberships: ViewerMembershipType[];

  @Field(() => [ViewerSuspensionType], {
    description: 'Suspended memberships: no access, only the company’s id and name (whose administrators can reactivate them).',
  })
  @RequiresSignIn()
  suspendedMemberships: ViewerSuspensionType[];
}
