import { Field, Int, ObjectType } from 'type-graphql';
import type { Env } from '../../config/env';
import { AddressType } from '../companies/company.type';

@ObjectType('LegalHost', { description: 'The hosting provider of the service ("hébergeur", LCEN art. 6).' })
export class LegalHostType {
  @Field(() => String)
  name: string;

  @Field(() => String, { description: 'Postal address, on one line.' })
  address: string;

  @Field(() => String, { description: 'International form, e.g. +33 1 99 00 56 78.' })
  phone: string;
}

@ObjectType('RetentionPeriods', {
  description: 'How long data that has served its purpose is kept before the daily purge (the RETENTION_* settings; docs/privacy.md).',
})
export class RetentionPeriodsType {
  @Field(() => Int, { description: 'Sessions (IP address and device of a sign-in), days after they ended.' })
  sessionsDays: number;

  @Field(() => Int, { description: 'Password-reset links, days after they expired or were used.' })
  resetLinksDays: number;

  @Field(() => Int, { description: 'IP addresses in the journal, months (the entry stays, without its IP).' })
  journalIpMonths: number;

  @Field(() => Int, { description: 'Emails sent or given up, with their bodies, days after sending.' })
  sentEmailsDays: number;

  @Field(() => Int, { description: 'Public requests whose work failed for good, days.' })
  failedRequestsDays: number;

  @Field(() => Int, { description: 'Access requests once approved or refused, months after the decision.' })
  accessRequestsMonths: number;
}

@ObjectType('LegalNotice', {
  description:
    'What the legal pages state (mentions légales, privacy notice): the operator’s identity and the retention settings. Configuration only, the same for every caller; nothing about any client.',
})
export class LegalNoticeType {
  @Field(() => String, { description: 'The operator (publisher of the service), e.g. Domicile Pro SAS.' })
  legalName: string;

  @Field(() => String, { description: 'e.g. SAS.' })
  legalForm: string;

  @Field(() => String, { description: 'As printed after "au capital de", e.g. 50 000 €.' })
  shareCapital: string;

  @Field(() => AddressType, { description: 'Registered office.' })
  address: AddressType;

  @Field(() => String, { description: '9 digits.' })
  siren: string;

  @Field(() => String, { nullable: true, description: '14 digits: the registered office’s establishment.' })
  siret: string | null;

  @Field(() => String, { description: 'City of the RCS registry the operator is registered with.' })
  rcsCity: string;

  @Field(() => String, { nullable: true, description: 'Intra-community VAT number.' })
  vatNumber: string | null;

  @Field(() => String, { description: 'Director of publication ("directeur de la publication").' })
  publicationDirector: string;

  @Field(() => String)
  contactEmail: string;

  @Field(() => String, { description: 'International form, e.g. +33 1 99 00 12 34.' })
  contactPhone: string;

  @Field(() => String, { description: 'Where people exercise their data-protection rights.' })
  dpoEmail: string;

  @Field(() => String, { description: 'Number of the prefectoral approval of the domiciliation company (Code de commerce, L123-11-3).' })
  domiciliationApproval: string;

  @Field(() => LegalHostType)
  host: LegalHostType;

  @Field(() => RetentionPeriodsType)
  retention: RetentionPeriodsType;
}

/** The legal notice from the parsed configuration (SELLER_*, LEGAL_*, RETENTION_*): never any client's data. */
export function toLegalNotice(env: Pick<Env, 'seller' | 'legal' | 'retention'>): LegalNoticeType {
  const { seller, legal, retention } = env;
  return {
    legalName: seller.legalName,
    legalForm: seller.legalForm,
    shareCapital: seller.shareCapital,
    address: {
      line1: seller.address.line1,
      line2: seller.address.line2 ?? null,
      postalCode: seller.address.postalCode,
      city: seller.address.city,
      country: seller.address.country,
    },
    siren: seller.siren,
    siret: seller.siret ?? null,
    rcsCity: seller.rcsCity,
    vatNumber: seller.vatNumber ?? null,
    publicationDirector: legal.publicationDirector,
    contactEmail: legal.contactEmail,
    contactPhone: legal.contactPhone,
    dpoEmail: legal.dpoEmail,
    domiciliationApproval: legal.domiciliationApproval,
    host: { ...legal.host },
    retention: {
      sessionsDays: retention.sessionsDays,
      resetLinksDays: retention.resetLinksDays,
      journalIpMonths: retention.journalIpMonths,
      sentEmailsDays: retention.sentEmailsDays,
      failedRequestsDays: retention.failedRequestsDays,
      accessRequestsMonths: retention.decidedAccessRequestsMonths,
    },
  };
}
