import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed operations from the schema the API emits and commits (no live server needed).
 * Operations live one per file in `src/features/<feature>/api/*.graphql`; the output is a
 * single committed module of `TypedDocumentNode`s that Apollo's hooks infer types from.
 */
const config: CodegenConfig = {
  overwrite: true,
  schema: '../api/schema.graphql',
  documents: ['src/**/*.graphql'],
  generates: {
    'src/lib/graphql/generated.ts': {
      plugins: ['typescript', 'typescript-operations', 'typed-document-node'],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        onlyOperationTypes: true,
        avoidOptionals: { field: true, inputValue: false },
        defaultScalarType: 'unknown',
        nonOptionalTypename: true,
        skipTypeNameForRoot: true,
        scalars: { DateTimeISO: 'string', ID: 'string' },
      },
    },
  },
};

export default config;
