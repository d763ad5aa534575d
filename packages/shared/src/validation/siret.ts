import type { SirenErrorCode, SiretErrorCode } from './codes';

export type SiretValidation = { ok: true; siret: string } | { ok: false; error: SiretErrorCode };
export type SirenValidation = { ok: true; siren: string } | { ok: false; error: SirenErrorCode };

/** SIREN of La Poste, whose establishments are numbered outside the Luhn rule. */
export const LA_POSTE_SIREN = '356000000';

/** Removes whitespace (including non-breaking spaces), as people copy SIRETs grouped: `732 829 320 00074`. */
export function normaliseSiret(raw: string): string {
  return raw.replace(/\s+/g, '');
}

/** Luhn checksum over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function digitSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += digits.charCodeAt(i) - 48;
  return sum;
}

/**
 * A SIRET is 14 digits (SIREN + 5-digit establishment number) with a valid Luhn checksum.
 * Exception: La Poste's establishments (SIREN 356000000) are valid when the sum of their 14
 * digits is a multiple of 5; its head office 35600000000048 also satisfies Luhn.
 */
export function validateSiret(raw: string): SiretValidation {
  const siret = normaliseSiret(raw);
  if (siret === '') return { ok: false, error: 'SIRET_REQUIRED' };
  if (!/^\d{14}$/.test(siret)) return { ok: false, error: 'SIRET_FORMAT' };
  const valid = luhnValid(siret) || (siret.startsWith(LA_POSTE_SIREN) && digitSum(siret) % 5 === 0);
  return valid ? { ok: true, siret } : { ok: false, error: 'SIRET_CHECKSUM' };
}

/** A SIREN is 9 digits with a valid Luhn checksum. */
export function validateSiren(raw: string): SirenValidation {
  const siren = normaliseSiret(raw);
  if (siren === '') return { ok: false, error: 'SIREN_REQUIRED' };
  if (!/^\d{9}$/.test(siren)) return { ok: false, error: 'SIREN_FORMAT' };
  return luhnValid(siren) ? { ok: true, siren } : { ok: false, error: 'SIREN_CHECKSUM' };
}

/** Display form `732 829 320 00074`; anything that is not 14 digits is returned unchanged. */
export function formatSiret(siret: string): string {
  const digits = normaliseSiret(siret);
  if (!/^\d{14}$/.test(digits)) return siret;
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6, 9)} ${digits.slice(9)}`;
}
