import fs from 'node:fs';
import path from 'node:path';

/**
 * The one-way imports of the layout: shared code (components, config, hooks, lib, locales,
 * styles) never imports a feature or the app; a feature never imports another feature or the
 * app; only `app/` composes features.
 */
const SRC = path.resolve(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__tests__' ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*)['"]([^'"]+)['"]/g)].map((match) => match[1] ?? '');
}

/** The layer an import points at, e.g. `features/auth`, `app`, `lib`. */
function layerOf(specifier: string, fromFile: string): string | null {
  let target: string;
  if (specifier.startsWith('@/')) target = specifier.slice(2);
  else if (specifier.startsWith('.')) target = path.relative(SRC, path.resolve(path.dirname(fromFile), specifier));
  else return null; // a package
  const [top, second] = target.split(path.sep).join('/').split('/');
  return top === 'features' ? `features/${second}` : (top ?? null);
}

describe('import boundaries', () => {
  const files = sourceFiles(SRC).filter((file) => !file.includes(`${path.sep}testing${path.sep}`));

  it('finds the source files', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('keeps imports one-way: shared code → features → app', () => {
    const violations: string[] = [];
    for (const file of files) {
      const [top, second] = path.relative(SRC, file).split(path.sep);
      const own = top === 'features' ? `features/${second}` : top;
      if (own === 'app' || own === 'main.tsx') continue; // the entry and the app compose everything
      for (const specifier of importsOf(file)) {
        const layer = layerOf(specifier, file);
        if (!layer || layer === own) continue;
        if (layer === 'app' || layer.startsWith('features/')) {
          violations.push(`${path.relative(SRC, file)} imports ${specifier}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });
});
