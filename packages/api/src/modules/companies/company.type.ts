import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { PageInfo } from '../../graphql/pagination';
import type { CompanyEntity } from './company.entity';

@ObjectType('Address', { description: 'A postal address.' })
export class AddressType {
  @Field(() => String)
  line1: string;

  @Field(() => String, { nullable: true })
  line2: string | null;

  @Field(() => String)
  postalCode: string;

  @Field(() => String)
  city: string;

  @Field(() => String, { description: 'ISO 3166-1 alpha-2 country code, e.g. FR.' })
  country: string;
}

@ObjectType('Company', {
  description:
    'A client company. Reached through Query.company (members and staff) or the viewer’s memberships; tenant fields carry their scope in their description.',
})
export class CompanyType {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'Legal name.' })
  name: string;

  @Field(() => String, { description: '14 digits.' })
  siret: string;

  @Field(() => AddressType, { description: 'Registered (domiciliation) address.' })
  address: AddressType;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;
}

export function toCompanyType(e: CompanyEntity): CompanyType {
  return {
    id: e.id,
    name: e.name,
    siret: e.siret,
    address: { line1: e.addressLine1, line2: e.addressLine2, postalCode: e.postalCode, city: e.city, country: e.country },
    createdAt: e.createdAt,
  };
}

@ObjectType('CompanyEdge')
export class CompanyEdge {
  @Field(() => String)
  cursor: string;

  @Field(() => CompanyType)
  node: CompanyType;
}

@ObjectType('CompanyConnection')
export class CompanyConnection {
  @Field(() => [CompanyEdge])
  edges: CompanyEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}
