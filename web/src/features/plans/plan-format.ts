import type { PlanSummary } from '@thidua/contracts';

/** "6344/KH-UBND" as the state format writes a document's number and code; empty when it has neither. */
export function documentNumber(p: Pick<PlanSummary, 'number' | 'code'>): string {
  if (p.number && p.code) return `${p.number}/${p.code}`;
  return p.number ?? p.code ?? '';
}

/**
 * Text folded for diacritics-insensitive matching: "Kế hoạch Đức" → "ke hoach duc".
 * NFD leaves đ/Đ alone, so they are replaced by hand.
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}
