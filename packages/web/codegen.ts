import type { CodegenConfig } from '@graphql-codegen/cli';

/** The settings every output shares. */
const shared = {
  useTypeImports: true,
  enumsAsTypes: true,
  onlyOperationTypes: true,
  avoidOptionals: { field: true, inputValue: false },
  defaultScalarType: 'unknown',
  nonOptionalTypename: true,
  skipTypeNameForRoot: true,
  scalars: { DateTimeISO: 'string', ID: 'string' },
};

/**
 * Each feature's operations import the schema's types (enums, inputs, scalars) from one module,
 * `src/lib/graphql/schema-types.ts`, which has no runtime code.
 */
const typedDocuments = {
  preset: 'import-types' as const,
  presetConfig: { typesPath: '@/lib/graphql/schema-types' },
  // The documents' own result types are declared in the same file, not in the types module.
  plugins: ['typescript-operations', { 'typed-document-node': { importOperationTypesFrom: '' } }],
  config: shared,
};

/**
 * Typed operations from the schema the API emits and commits (no live server needed).
 * Operations live one per file in `src/features/<feature>/api/*.graphql`; each output is a
 * committed module of `TypedDocumentNode`s that Apollo's hooks infer types from.
 *
 * A bundler puts a whole module in one chunk, so the documents of lazily loaded pages get a module
 * of their own: the team operations (Mon équipe, invitation link, access request) stay out of the
 * initial JavaScript. They reuse the viewer fragment, which `acceptInvitation` answers with.
 */
const config: CodegenConfig = {
  overwrite: true,
  schema: '../api/schema.graphql',
  generates: {
    'src/lib/graphql/schema-types.ts': { documents: ['src/**/*.graphql'], plugins: ['typescript'], config: shared },
    'src/lib/graphql/generated.ts': {
      ...typedDocuments,
      documents: [
        'src/**/*.graphql',
        '!src/features/team/**/*.graphql',
        '!src/features/mail/**/*.graphql',
        '!src/features/operator/**/*.graphql',
        '!src/features/api-access/**/*.graphql',
        '!src/features/invoices/**/*.graphql',
        '!src/features/formalities/**/*.graphql',
        '!src/features/legal/**/*.graphql',
      ],
    },
    'src/features/team/api/generated.ts': {
      ...typedDocuments,
      documents: ['src/features/team/**/*.graphql', 'src/features/auth/api/viewer.fragment.graphql'],
    },
    // Mes courriers, and the operator's pages (mail upload, forwarding queue): lazy pages too.
    'src/features/mail/api/generated.ts': { ...typedDocuments, documents: ['src/features/mail/**/*.graphql'] },
    'src/features/operator/api/generated.ts': {
      ...typedDocuments,
      documents: [
        'src/features/operator/**/*.graphql',
        '!src/features/operator/api/billing/*.graphql',
        '!src/features/operator/api/formalities/*.graphql',
      ],
    },
    // The operator's billing pages (plans, invoicing run, one-off invoices, payments, credit notes).
    'src/features/operator/api/billing/generated.ts': { ...typedDocuments, documents: ['src/features/operator/api/billing/*.graphql'] },
    // Paramètres › Accès API (API tokens): a lazy page too.
    'src/features/api-access/api/generated.ts': { ...typedDocuments, documents: ['src/features/api-access/**/*.graphql'] },
    // Factures (the client's invoices): a lazy page too.
    'src/features/invoices/api/generated.ts': { ...typedDocuments, documents: ['src/features/invoices/**/*.graphql'] },
    // Services (the client's formalities): a lazy page too.
    'src/features/formalities/api/generated.ts': { ...typedDocuments, documents: ['src/features/formalities/**/*.graphql'] },
    // The legal pages (mentions légales, terms of use, privacy notice): lazy pages too.
    'src/features/legal/api/generated.ts': { ...typedDocuments, documents: ['src/features/legal/**/*.graphql'] },
    // The operator's formalities pages (open, ask, review, deliver, request a signature, move, evidence).
    'src/features/operator/api/formalities/generated.ts': {
      ...typedDocuments,
      documents: ['src/features/operator/api/formalities/*.graphql'],
    },
  },
};

export default config;
