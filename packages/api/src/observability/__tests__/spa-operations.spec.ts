import fs from 'node:fs';
import path from 'node:path';
import { SPA_OPERATIONS } from '../spa-operations';

const WEB_SRC = path.resolve(__dirname, '../../../../web/src');

function graphqlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : graphqlFiles(full);
    return entry.name.endsWith('.graphql') ? [full] : [];
  });
}

describe('the metrics’ operation names', () => {
  it('are the names of the web app’s GraphQL operations, no more and no fewer', () => {
    const names = graphqlFiles(WEB_SRC).flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/gm)].map(
        (m) => m[1] as string,
      ),
    );
    expect(names.length).toBeGreaterThan(50);
    // A difference here: add or remove the names in src/observability/spa-operations.ts.
    expect([...SPA_OPERATIONS].sort()).toEqual([...new Set(names)].sort());
  });
});
