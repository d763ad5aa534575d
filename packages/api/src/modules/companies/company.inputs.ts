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
