import { Field, InputType } from 'type-graphql';

@InputType('AddressInput')
export class AddressInput {
  @Field(() => String)
  line1: string;

  @Field(() => String, { nullable: true })
  line2?: string | null;

  @Field(() => String)
  postalCode: string;

  @Field(() => String)
  city: string;

  @Field(() => String, { defaultValue: 'FR', description: 'ISO 3166-1 alpha-2; defaults to FR.' })
  country: string;
}

@InputType('CompanyInput', { description: 'Errors come back as VALIDATION_FAILED with one entry per field (name, siret, address.*).' })
export class CompanyInput {
  @Field(() => String)
  name: string;

  @Field(() => String, { description: '14 digits; spaces allowed.' })
  siret: string;

  @Field(() => AddressInput)
  address: AddressInput;
}

@InputType('FirstAdminInput', {
  description:
    'The person invited as the company’s first administrator (access Administrateur), with the rules of a team invitation. Errors come back under firstAdmin.* (e.g. firstAdmin.email).',
})
export class FirstAdminInput {
  @Field(() => String, { description: 'A person’s address: generic mailboxes (contact@, compta@, …) are refused.' })
  email: string;

  @Field(() => String)
  firstName: string;

  @Field(() => String)
  lastName: string;

  @Field(() => String, { nullable: true, description: 'Optional; normalised to E.164 (default region FR).' })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  jobTitle?: string | null;
}

@InputType('CreateCompanyInput', {
  description:
    'A new client company and its first administrator. Errors come back as VALIDATION_FAILED with one entry per field, all at once (name, siret, address.*, firstAdmin.*).',
})
export class CreateCompanyInput extends CompanyInput {
  @Field(() => FirstAdminInput)
  firstAdmin: FirstAdminInput;
}
