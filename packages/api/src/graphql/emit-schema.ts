import fs from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { printSchemaWithAccess } from './access-directives';
import { buildSchema } from './build-schema';

/** The committed SDL: input of the SPA's codegen and the public contract. */
export const SCHEMA_FILE = path.resolve(__dirname, '..', '..', 'schema.graphql');

export function printCommittedSchema(): string {
  const schema = lexicographicSortSchema(buildSchema());
  return `${printSchemaWithAccess(schema, printSchema(schema))}\n`;
}

if (require.main === module) {
  const sdl = printCommittedSchema();
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, 'utf8') : '';
    if (current !== sdl) {
      console.error('schema.graphql is out of date: run `pnpm --filter @guichet/api schema` and commit it.');
      process.exit(1);
    }
    console.log('schema.graphql is up to date.');
  } else {
    fs.writeFileSync(SCHEMA_FILE, sdl);
    console.log(`Wrote ${SCHEMA_FILE}`);
  }
}
