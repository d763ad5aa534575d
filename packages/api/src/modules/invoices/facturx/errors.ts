import type { FieldError, RuleViolation } from './types';

export type FacturXErrorCode = 'INVOICE_INPUT_INVALID' | 'INVOICE_EN16931_VIOLATION';

/**
 * Thrown by the generator: `INVOICE_INPUT_INVALID` with the input fields at fault, or
 * `INVOICE_EN16931_VIOLATION` with the rules the produced XML broke (a bug, never the caller's input).
 */
export class FacturXError extends Error {
  constructor(
    readonly code: FacturXErrorCode,
    message: string,
    readonly fields: FieldError[] = [],
    readonly violations: RuleViolation[] = [],
  ) {
    super(message);
    this.name = 'FacturXError';
  }
}

export function invalidInput(fields: FieldError[]): FacturXError {
  return new FacturXError('INVOICE_INPUT_INVALID', `Invalid invoice: ${fields.map((f) => `${f.field} (${f.code})`).join(', ')}.`, fields);
}

export function en16931Violation(violations: RuleViolation[]): FacturXError {
  return new FacturXError(
    'INVOICE_EN16931_VIOLATION',
    `The Factur-X XML breaks EN 16931: ${violations.map((v) => `${v.rule} ${v.message}`).join('; ')}`,
    [],
    violations,
  );
}
