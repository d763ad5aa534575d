/** The colours offered for a new tag (the demo tags use the first four). */
export const TAG_PALETTE = [
  { key: 'blue', color: '#2563eb' },
  { key: 'red', color: '#dc2626' },
  { key: 'orange', color: '#ea580c' },
  { key: 'green', color: '#16a34a' },
  { key: 'violet', color: '#7c3aed' },
  { key: 'pink', color: '#db2777' },
  { key: 'teal', color: '#0e7490' },
  { key: 'grey', color: '#4b5563' },
] as const;

export type PaletteKey = (typeof TAG_PALETTE)[number]['key'];

const DARK = '#111827';
const LIGHT = '#ffffff';
const HEX = /^#([0-9a-f]{6})$/i;

/** WCAG relative luminance of a `#rrggbb` colour. */
export function luminance(hex: string): number {
  const match = HEX.exec(hex);
  if (!match) return 1;
  const value = parseInt(match[1] as string, 16);
  const channel = (shift: number) => {
    const c = ((value >> shift) & 0xff) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0);
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/**
 * The text colour for a chip of `background`: white or near-black, whichever contrasts more, and
 * pure black for the few mid-greys where neither reaches 4.5:1 (white or black always does).
 */
export function chipTextColor(background: string): string {
  if (!HEX.test(background)) return DARK;
  const light = contrastRatio(background, LIGHT);
  const dark = contrastRatio(background, DARK);
  if (light < 4.5 && dark < 4.5) return '#000000';
  return light >= dark ? LIGHT : DARK;
}

/** A colour the API accepts, or the palette's grey. */
export function safeTagColor(color: string): string {
  return HEX.test(color) ? color.toLowerCase() : '#4b5563';
}
