import { PDFDocument } from 'pdf-lib';

export type PdfCheck =
  { ok: true; pageCount: number } | { ok: false; code: 'MAIL_FILE_REQUIRED' | 'MAIL_FILE_NOT_PDF' | 'MAIL_FILE_UNREADABLE' };

const MAGIC = Buffer.from('%PDF-', 'ascii');

/** Whether the bytes start like a PDF. Some producers put a few bytes before the header; 1 KiB is tolerated. */
export function looksLikePdf(head: Buffer): boolean {
  const at = head.subarray(0, 1024).indexOf(MAGIC);
  return at !== -1;
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
