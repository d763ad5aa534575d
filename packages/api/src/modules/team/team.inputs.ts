import { Field, InputType } from 'type-graphql';
import { ContactSubjectEnum, ScopeEnum } from '../../graphql/enums';

@InputType('InvitationInput', { description: 'One person to invite. Errors come back per row, never for the whole batch.' })
export class InvitationInput {
  @Field(() => String)
  email: string;

  @Field(() => String)
  firstName: string;

  @Field(() => String)
  lastName: string;

  @Field(() => String, { nullable: true, description: 'Optional; normalised to E.164 (default region FR).' })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  jobTitle?: string | null;

  @Field(() => [ScopeEnum], { description: 'One role preset (e.g. [ADMIN]) or several non-admin scopes combined.' })
  scopes: ScopeEnum[];

  @Field(() => [ContactSubjectEnum], {
    defaultValue: [],
    description: 'What this person is the contact for; only areas their scopes grant.',
  })
  contactFor: ContactSubjectEnum[];
}

@InputType('AcceptInvitationInput', { description: 'For a new account: names (default: as invited) and password. Ignored when signed in.' })
export class AcceptInvitationInput {
  @Field(() => String, { nullable: true })
  firstName?: string | null;

  @Field(() => String, { nullable: true })
  lastName?: string | null;

  @Field(() => String, { nullable: true })
  password?: string | null;
}

@InputType('AccessRequestInput')
export class AccessRequestInput {
  @Field(() => String, { description: 'SIRET of the company to join; spaces allowed.' })
  siret: string;

  @Field(() => String)
  email: string;

  @Field(() => String)
  firstName: string;

  @Field(() => String)
  lastName: string;

  @Field(() => String, { nullable: true, description: 'A message for the administrators (1000 characters at most).' })
  message?: string | null;
}
