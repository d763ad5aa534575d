import { registerEnumType } from 'type-graphql';

export enum ScopeEnum {
  ADMIN = 'ADMIN',
  COURRIER = 'COURRIER',
  FACTURATION = 'FACTURATION',
  FORMALITE = 'FORMALITE',
}
registerEnumType(ScopeEnum, {
  name: 'Scope',
  description: 'An access scope. ADMIN implies every other scope.',
});

export enum ContactSubjectEnum {
  COURRIER = 'COURRIER',
  FACTURATION = 'FACTURATION',
  FORMALITE = 'FORMALITE',
}
registerEnumType(ContactSubjectEnum, {
  name: 'ContactSubject',
  description: 'What a member is the contact for: who gets notified of new mail, invoices or formality steps.',
});

export enum MembershipStatusEnum {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
}
registerEnumType(MembershipStatusEnum, { name: 'MembershipStatus' });

export enum LocaleEnum {
  FR = 'FR',
  EN = 'EN',
}
registerEnumType(LocaleEnum, { name: 'Locale', description: 'Language of the interface and of the emails sent to the user.' });
