import type { Palette } from './authority.ts';

/** WCAG 2.2 AA for normal text. */
export const MINIMUM_CONTRAST = 4.5;

export type PaletteProblem = { field: keyof Palette; problem: 'format' | 'contrast'; ratio?: number };

/**
 * A palette is accepted only if every pairing the layout uses reaches AA: the header text on the
 * primary colour, and the white navigation text on the accent colour.
 */
export function checkPalette(palette: Palette): PaletteProblem[] {
  const problems: PaletteProblem[] = [];
  for (const field of ['primary', 'primaryText', 'accent'] as const) {
    if (!/^#[0-9a-f]{6}$/.test(palette[field])) problems.push({ field, problem: 'format' });
  }
  if (problems.length > 0) return problems;
  const header = contrastRatio(palette.primaryText, palette.primary);
  if (header < MINIMUM_CONTRAST) problems.push({ field: 'primaryText', problem: 'contrast', ratio: header });
  const navigation = contrastRatio('#ffffff', palette.accent);
  if (navigation < MINIMUM_CONTRAST)
    problems.push({ field: 'accent', problem: 'contrast', ratio: navigation });
  return problems;
}

/** The WCAG contrast ratio of two sRGB colours written `#rrggbb`, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

function luminance(hex: string): number {
  const channel = (offset: number) => {
    const value = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}
