import { createHash } from 'node:crypto';
import { buildCiiXml } from './cii';
import { en16931Violation } from './errors';
import { renderFacturX, type RenderOptions } from './pdf';
import { checkEn16931 } from './rules';
import { computeTotals } from './totals';
import type { InvoiceDocumentInput, InvoiceTotals } from './types';

export * from './types';
export { computeTotals } from './totals';
export { buildCiiXml, EN16931_GUIDELINE_ID, TYPE_CODES } from './cii';
export { checkEn16931 } from './rules';
export { renderFacturX, FACTURX_NS, FACTURX_XML_NAME, type RenderOptions } from './pdf';
export { validateInvoiceInput } from './validate';
export { FacturXError, type FacturXErrorCode } from './errors';
export { formatEuros, formatDateFr, formatRateFr, formatDecimalFr } from './money';

export interface FacturXDocument {
  pdf: Buffer;
  xml: string;
  totals: InvoiceTotals;
  /** Hex SHA-256 of the PDF bytes, to store beside them. */
  sha256Pdf: string;
  /** Hex SHA-256 of the UTF-8 XML (the bytes embedded in the PDF). */
  sha256Xml: string;
}

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

/**
 * Validates the input, computes the totals once, writes the CII XML, checks it against the
 * implemented EN 16931 rules and renders the PDF/A-3 with the XML embedded.
 * Throws `FacturXError`: `INVOICE_INPUT_INVALID` (with `fields`) or `INVOICE_EN16931_VIOLATION`
 * (with `violations`); no document is produced in either case.
 */
export async function generateFacturX(input: InvoiceDocumentInput, options: RenderOptions = {}): Promise<FacturXDocument> {
  const totals = computeTotals(input);
  const xml = buildCiiXml(input, totals);
  const violations = checkEn16931(xml);
  if (violations.length > 0) throw en16931Violation(violations);
  const pdf = await renderFacturX(input, totals, xml, options);
  return { pdf, xml, totals, sha256Pdf: sha256(pdf), sha256Xml: sha256(Buffer.from(xml, 'utf8')) };
}
