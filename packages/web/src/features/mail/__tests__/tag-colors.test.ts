import { chipTextColor, contrastRatio, TAG_PALETTE } from '../utils/tag-colors';

describe('tag chip colours', () => {
  it('keeps a contrast of at least 4.5:1 whatever colour a company picks', () => {
    const samples = [
      ...TAG_PALETTE.map((entry) => entry.color),
      '#ffff00',
      '#000000',
      '#ffffff',
      '#777777',
      '#ea580c',
      '#16a34a',
      '#00ff00',
    ];
    for (const background of samples) {
      expect(contrastRatio(background, chipTextColor(background))).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('writes white on dark colours and dark text on light ones', () => {
    expect(chipTextColor('#1d3a8a')).toBe('#ffffff');
    expect(chipTextColor('#fde68a')).toBe('#111827');
  });
});
