import 'reflect-metadata';
import { GraphQLSchema, isObjectType } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { ActivityCompanyFieldsResolver } from '../modules/activity/activity.resolver';
import { AuthResolver } from '../modules/auth/auth.resolver';
import { CompanyResolver } from '../modules/companies/company.resolver';
import { LegalResolver } from '../modules/legal/legal.resolver';
import {
  ForwardingRequestFieldsResolver,
  MailCompanyFieldsResolver,
  MailItemConnectionResolver,
  MailResolver,
} from '../modules/mail/mail.resolver';
import { TeamCompanyFieldsResolver, TeamResolver } from '../modules/team/team.resolver';
import { ApiTokenCompanyFieldsResolver, ApiTokenResolver } from '../modules/api-tokens/api-tokens.resolver';
import {
  InvoiceCompanyFieldsResolver,
  InvoiceConnectionResolver,
  InvoiceFieldsResolver,
  InvoicesResolver,
} from '../modules/invoices/invoices.resolver';
import {
  FormalitiesResolver,
  FormalityCompanyFieldsResolver,
  FormalityConnectionResolver,
  FormalityFieldsResolver,
  InformationRequestFieldsResolver,
} from '../modules/formalities/formalities.resolver';
import {
  FormalitySignaturesFieldResolver,
  SignatureRequestFieldsResolver,
  SignaturesResolver,
} from '../modules/signatures/signatures.resolver';
import { accessSentence } from '../modules/identity/access';
import { ACCESS_EXTENSION, type AccessDeclaration } from './access';
import { accessDirectives } from './access-directives';
import { authChecker } from './auth-checker';

export const resolvers = [
  AuthResolver,
  CompanyResolver,
  TeamResolver,
  TeamCompanyFieldsResolver,
  ActivityCompanyFieldsResolver,
  MailResolver,
  MailCompanyFieldsResolver,
  MailItemConnectionResolver,
  ForwardingRequestFieldsResolver,
  ApiTokenResolver,
  ApiTokenCompanyFieldsResolver,
  InvoicesResolver,
  InvoiceCompanyFieldsResolver,
  InvoiceConnectionResolver,
  InvoiceFieldsResolver,
  FormalitiesResolver,
  FormalityCompanyFieldsResolver,
  FormalityConnectionResolver,
  FormalityFieldsResolver,
  InformationRequestFieldsResolver,
  SignaturesResolver,
  FormalitySignaturesFieldResolver,
  SignatureRequestFieldsResolver,
  LegalResolver,
] as const;

let cached: GraphQLSchema | undefined;

/**
 * Builds the schema once per process. Each field's access declaration is appended to its
 * description, so the playground docs say which scope a field needs, and the access directives
 * are declared (the committed SDL applies them to each field).
 */
export function buildSchema(): GraphQLSchema {
  if (cached) return cached;
  const schema = buildSchemaSync({
    resolvers: [...resolvers],
    authChecker,
    authMode: 'error',
    validate: false,
    emitSchemaFile: false,
  });
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const access = field.extensions[ACCESS_EXTENSION] as AccessDeclaration | undefined;
      if (access) {
        const sentence = accessSentence(access);
        field.description = field.description ? `${field.description}\n\n${sentence}` : sentence;
      }
    }
  }
  // The access directives are declared in the schema, so the printed SDL that applies them is valid.
  cached = new GraphQLSchema({ ...schema.toConfig(), directives: [...schema.getDirectives(), ...accessDirectives(schema)] });
  return cached;
}
