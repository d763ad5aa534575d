import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Liberation Sans 2.1.5 (SIL Open Font License 1.1, see assets/fonts/OFL.txt), shipped in
 * `packages/api/assets/fonts` and embedded (subset) in every invoice PDF. Never fetched at run time.
 */
export const FONT_FILES = { regular: 'LiberationSans-Regular.ttf', bold: 'LiberationSans-Bold.ttf' } as const;

/** `packages/api/assets/fonts`, found by walking up from this file (works from `src/` and from `dist/`). */
export function fontsDir(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, 'assets', 'fonts');
    if (existsSync(join(candidate, FONT_FILES.regular))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`The invoice fonts (${FONT_FILES.regular}) are missing from packages/api/assets/fonts.`);
    dir = parent;
  }
}

let cache: { regular: Buffer; bold: Buffer } | undefined;

/** The two TTF files, read once per process. */
export function invoiceFonts(): { regular: Buffer; bold: Buffer } {
  if (!cache) {
    const dir = fontsDir();
    cache = { regular: readFileSync(join(dir, FONT_FILES.regular)), bold: readFileSync(join(dir, FONT_FILES.bold)) };
  }
  return cache;
}
