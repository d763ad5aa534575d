import { PDFDocument } from 'pdf-lib';

export type PdfCheck =
  { ok: true; pageCount: number } | { ok: false; code: 'MAIL_FILE_REQUIRED' | 'MAIL_FILE_NOT_PDF' | 'MAIL_FILE_UNREADABLE' };

const MAGIC = Buffer.from('%PDF-', 'ascii');

/**
 * Whether the bytes start with the PDF header `%PDF-`, at the very first byte. Readers tolerate
 * junk before it (up to 1 KiB), which lets a file be an HTML page and a PDF at once (a polyglot);
 * a scan from our stations always starts with the header, so nothing else is accepted.
 */
export function looksLikePdf(head: Buffer): boolean {
  return head.length >= MAGIC.length && head.subarray(0, MAGIC.length).equals(MAGIC);
}

/** A real PDF: the header is there, pdf-lib parses it and finds at least one page. */
export async function inspectPdf(bytes: Buffer): Promise<PdfCheck> {
  if (bytes.length === 0) return { ok: false, code: 'MAIL_FILE_REQUIRED' };
  if (!looksLikePdf(bytes)) return { ok: false, code: 'MAIL_FILE_NOT_PDF' };
  try {
    const doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: true });
    const pageCount = doc.getPageCount();
    return pageCount > 0 ? { ok: true, pageCount } : { ok: false, code: 'MAIL_FILE_UNREADABLE' };
  } catch {
    return { ok: false, code: 'MAIL_FILE_UNREADABLE' };
  }
}
