import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  type PDFObject,
} from '@cantoo/pdf-lib';
import { FACTURX_NS, FacturXError, formatEuros, generateFacturX, type FacturXDocument, type InvoiceDocumentInput } from '..';
import PDFKitDocument from 'pdfkit';
import { invoiceFonts } from '../fonts';
import * as rules from '../rules';
import { PRINTABLE_RANGES } from '../validate';
import { demoCreditNote, demoInvoice, longInvoice } from './fixtures';

const CREATED_AT = new Date('2026-01-31T09:30:00Z');
const STANDARD_14 = /^\/(Times|Helvetica|Courier|Symbol|ZapfDingbats)/;

/** Debian tools the structural checks use when they are installed (CI installs them). */
const TOOLS = { qpdf: ['--version'], pdfdetach: ['-v'], pdftotext: ['-v'] } as const;
const missingTools = Object.entries(TOOLS)
  .filter(([tool, args]) => spawnSync(tool, [...args]).error !== undefined)
  .map(([tool]) => tool);
if (missingTools.length > 0 && process.env.REQUIRE_PDF_TOOLS === '1') {
  throw new Error(`REQUIRE_PDF_TOOLS=1 but ${missingTools.join(', ')} not found (apt-get install -y qpdf poppler-utils).`);
}
const withTools = missingTools.length === 0 ? it : it.skip;
if (missingTools.length > 0) {
  console.warn(`[facturx] skipping the qpdf/poppler checks: ${missingTools.join(', ')} not found (apt-get install -y qpdf poppler-utils).`);
}

const text = (o: PDFObject | undefined): string | undefined =>
  o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined;

interface Parsed {
  doc: PDFDocument;
  catalog: PDFDict;
  xmp: string;
  embedded: { name?: string; relationship?: string; subtype?: string; bytes: Buffer; description?: string }[];
  namedFiles: string[];
}

async function parse(pdf: Buffer): Promise<Parsed> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const catalog = doc.catalog;
  const metadata = catalog.lookup(PDFName.of('Metadata'), PDFStream) as PDFRawStream;
  const xmp = Buffer.from(decodePDFRawStream(metadata).decode()).toString('utf8');
  const af = catalog.lookupMaybe(PDFName.of('AF'), PDFArray);
  const embedded = (af?.asArray() ?? []).map((_, i) => {
    const spec = af!.lookup(i, PDFDict);
    const stream = spec.lookup(PDFName.of('EF'), PDFDict).lookup(PDFName.of('F'), PDFStream) as PDFRawStream;
    return {
      name: text(spec.lookup(PDFName.of('UF'))),
      relationship: spec.get(PDFName.of('AFRelationship'))?.toString(),
      subtype: stream.dict.get(PDFName.of('Subtype'))?.toString(),
      description: text(spec.lookup(PDFName.of('Desc'))),
      bytes: Buffer.from(decodePDFRawStream(stream).decode()),
    };
  });
  const names = catalog
    .lookupMaybe(PDFName.of('Names'), PDFDict)
    ?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict)
    ?.lookupMaybe(PDFName.of('Names'), PDFArray);
  const namedFiles = (names?.asArray() ?? []).filter((_, i) => i % 2 === 0).map((o) => text(o) ?? '?');
  return { doc, catalog, xmp, embedded, namedFiles };
}

let workDir: string;
let invoice: FacturXDocument;
let creditNote: FacturXDocument;
let long: FacturXDocument;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'facturx-'));
  invoice = await generateFacturX(demoInvoice(), { createdAt: CREATED_AT });
  creditNote = await generateFacturX(demoCreditNote(), { createdAt: CREATED_AT });
  long = await generateFacturX(longInvoice(), { createdAt: CREATED_AT });
  // FACTURX_DEMO_PDF=/tmp/x.pdf writes the demo invoice there, to look at it (pdftoppm -png -r 80 /tmp/x.pdf /tmp/x).
  if (process.env.FACTURX_DEMO_PDF) {
    writeFileSync(process.env.FACTURX_DEMO_PDF, invoice.pdf);
    writeFileSync(process.env.FACTURX_DEMO_PDF.replace(/\.pdf$/, '-long.pdf'), long.pdf);
    writeFileSync(process.env.FACTURX_DEMO_PDF.replace(/\.pdf$/, '-credit-note.pdf'), creditNote.pdf);
  }
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

describe('renderFacturX', () => {
  it('writes a PDF 1.7 whose embedded factur-x.xml is the XML, as an Alternative listed in /AF', async () => {
    for (const generated of [invoice, creditNote, long]) {
      expect(generated.pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
      const { embedded, namedFiles } = await parse(generated.pdf);
      expect(embedded).toHaveLength(1);
      expect(embedded[0]).toMatchObject({ name: 'factur-x.xml', relationship: '/Alternative', subtype: '/text#2Fxml' });
      expect(embedded[0]!.bytes.toString('utf8')).toBe(generated.xml);
      expect(namedFiles).toEqual(['factur-x.xml']);
    }
  });

  it('identifies itself as PDF/A-3b and Factur-X EN 16931 in its XMP', async () => {
    const { xmp } = await parse(invoice.pdf);
    expect(xmp).toContain('<pdfaid:part>3</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(xmp).toContain(`xmlns:fx="${FACTURX_NS}"`);
    expect(FACTURX_NS).toBe('urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#');
    expect(xmp).toContain('<fx:DocumentType>INVOICE</fx:DocumentType>');
    expect(xmp).toContain('<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>');
    expect(xmp).toContain('<fx:Version>1.0</fx:Version>');
    expect(xmp).toContain('<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>');
    // The extension schema that PDF/A requires for the fx properties.
    expect(xmp).toContain(`<pdfaSchema:namespaceURI>${FACTURX_NS}</pdfaSchema:namespaceURI>`);
    for (const p of ['DocumentFileName', 'DocumentType', 'Version', 'ConformanceLevel'])
      expect(xmp).toContain(`<pdfaProperty:name>${p}</pdfaProperty:name>`);
    expect(xmp).toContain('<rdf:li xml:lang="x-default">Facture F2026-000123</rdf:li>');
    expect(xmp).toContain('<rdf:li>Guichet Domiciliation SAS</rdf:li>');
    expect(xmp).toContain('<xmp:CreateDate>2026-01-31T09:30:00Z</xmp:CreateDate>');
    // The XMP is well-formed XML (the seller's name is escaped).
    const { XMLValidator } = await import('fast-xml-parser');
    expect(XMLValidator.validate(xmp.replace(/^\uFEFF/, '').replace(/<\?xpacket[^>]*\?>/g, ''))).toBe(true);
  });

  it('has an sRGB output intent, a document ID, and only embedded fonts', async () => {
    const { doc, catalog } = await parse(invoice.pdf);
    const intents = catalog.lookup(PDFName.of('OutputIntents'), PDFArray);
    expect(intents.size()).toBe(1);
    const intent = intents.lookup(0, PDFDict);
    expect(intent.get(PDFName.of('S'))?.toString()).toBe('/GTS_PDFA1');
    expect(text(intent.lookup(PDFName.of('OutputConditionIdentifier')))).toBe('sRGB IEC61966-2.1');
    const profile = intent.lookup(PDFName.of('DestOutputProfile'), PDFStream) as PDFRawStream;
    expect(profile.dict.get(PDFName.of('N'))?.toString()).toBe('3');
    expect(doc.context.trailerInfo.ID).toBeDefined();

    let fonts = 0;
    let descriptors = 0;
    for (const [, object] of doc.context.enumerateIndirectObjects()) {
      const dict = object instanceof PDFDict ? object : object instanceof PDFRawStream ? object.dict : undefined;
      if (!dict) continue;
      const type = dict.get(PDFName.of('Type'))?.toString();
      if (type === '/Font') {
        fonts++;
        expect(dict.get(PDFName.of('BaseFont'))?.toString()).not.toMatch(STANDARD_14);
        expect(dict.get(PDFName.of('Subtype'))?.toString()).toMatch(/^\/(Type0|CIDFontType2)$/);
      }
      if (type === '/FontDescriptor') {
        descriptors++;
        expect(dict.get(PDFName.of('FontFile2'))).toBeInstanceOf(PDFRef);
        expect(dict.get(PDFName.of('FontName'))?.toString()).toMatch(/^\/[A-Z]{6}\+LiberationSans/);
      }
    }
    expect(fonts).toBe(4); // regular and bold: one Type0 and one CIDFontType2 each
    expect(descriptors).toBe(2);
  });

  it('ships a font that draws every character validateInvoiceInput lets through', () => {
    const doc = new PDFKitDocument({ autoFirstPage: false });
    const fonts = invoiceFonts();
    for (const [name, data] of Object.entries(fonts)) {
      doc.registerFont(name, data);
      doc.font(name);
      // pdfkit keeps the fontkit font of an embedded font in `font`.
      const font = (doc as unknown as { _font: { font: { hasGlyphForCodePoint(c: number): boolean } } })._font.font;
      const missing: string[] = [];
      for (const [from, to] of PRINTABLE_RANGES)
        for (let c = from; c <= to; c++) if (!font.hasGlyphForCodePoint(c)) missing.push(c.toString(16));
      expect({ name, missing }).toEqual({ name, missing: [] });
    }
  });

  it('breaks long invoices over several pages', async () => {
    expect((await parse(invoice.pdf)).doc.getPageCount()).toBe(1);
    expect((await parse(long.pdf)).doc.getPageCount()).toBe(3);
  });

  it('produces the same bytes for the same input and creation date, and returns their SHA-256', async () => {
    const again = await generateFacturX(demoInvoice(), { createdAt: CREATED_AT });
    expect(again.sha256Pdf).toBe(invoice.sha256Pdf);
    expect(again.pdf.equals(invoice.pdf)).toBe(true);
    expect(invoice.sha256Pdf).toMatch(/^[0-9a-f]{64}$/);
    const { createHash } = await import('node:crypto');
    expect(invoice.sha256Xml).toBe(createHash('sha256').update(invoice.xml, 'utf8').digest('hex'));
  });
});

describe('generateFacturX', () => {
  it('refuses an invalid input with the fields at fault', async () => {
    const bad: InvoiceDocumentInput = { ...demoInvoice(), dueDate: '2026-01-01' };
    await expect(generateFacturX(bad)).rejects.toMatchObject({
      code: 'INVOICE_INPUT_INVALID',
      fields: [{ field: 'dueDate', code: 'INVOICE_DUE_BEFORE_ISSUE' }],
    });
  });

  it('refuses to render when the XML breaks an EN 16931 rule, listing the violations', async () => {
    const spy = jest
      .spyOn(rules, 'checkEn16931')
      .mockReturnValue([{ rule: 'BR-CO-15', message: 'Total with VAT (BT-112) is 1.00, expected 2.00.' }]);
    try {
      const error = await generateFacturX(demoInvoice()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FacturXError);
      expect(error).toMatchObject({ code: 'INVOICE_EN16931_VIOLATION', violations: [{ rule: 'BR-CO-15' }] });
      expect((error as Error).message).toContain('BR-CO-15');
    } finally {
      spy.mockRestore();
    }
  });
});

describe('with qpdf and poppler-utils', () => {
  const run = (tool: string, args: string[]): { status: number | null; stdout: string; stderr: string } => {
    const r = spawnSync(tool, args, { encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const file = (name: string, generated: FacturXDocument): string => {
    const path = join(workDir, name);
    writeFileSync(path, generated.pdf);
    return path;
  };
  const normalise = (s: string): string => s.replace(/\s+/g, ' ');

  withTools('passes qpdf --check', () => {
    for (const [name, generated] of [
      ['invoice.pdf', invoice],
      ['credit-note.pdf', creditNote],
      ['long.pdf', long],
    ] as const) {
      const r = run('qpdf', ['--check', file(name, generated)]);
      expect({ name, status: r.status, stderr: r.stderr }).toEqual({ name, status: 0, stderr: '' });
      expect(r.stdout).toContain('No syntax or stream encoding errors found');
    }
  });

  withTools('pdfdetach lists exactly one factur-x.xml and extracts it byte for byte', () => {
    const pdf = file('invoice.pdf', invoice);
    const list = run('pdfdetach', ['-list', pdf]);
    expect(list.stdout.trim().split('\n')).toEqual(['1 embedded files', '1: factur-x.xml']);
    const out = join(workDir, 'extracted.xml');
    expect(run('pdfdetach', ['-save', '1', '-o', out, pdf]).status).toBe(0);
    expect(readFileSync(out).equals(Buffer.from(invoice.xml, 'utf8'))).toBe(true);
  });

  withTools('pdftotext finds the number, the buyer’s SIREN, the mentions and exactly the amounts of computeTotals', () => {
    const shown = normalise(run('pdftotext', ['-enc', 'UTF-8', file('invoice.pdf', invoice), '-']).stdout);
    const t = invoice.totals;
    expect(shown).toContain('F2026-000123');
    expect(shown).toContain('SIREN : 443 061 841');
    expect(shown).toContain('N° TVA intracommunautaire : FR64443061841');
    for (const cents of [...t.lines.map((l) => l.netCents), ...t.vatBreakdown.flatMap((v) => [v.basisCents, v.vatCents])]) {
      expect(shown).toContain(normalise(formatEuros(cents)));
    }
    expect(shown).toContain(`Total HT ${normalise(formatEuros(t.taxBasisTotalCents))}`);
    expect(shown).toContain(`Total TVA ${normalise(formatEuros(t.vatTotalCents))}`);
    expect(shown).toContain(`Total TTC ${normalise(formatEuros(t.grandTotalCents))}`);
    expect(shown).toContain(`Déjà réglé ${normalise(formatEuros(t.paidCents))}`);
    expect(shown).toContain(`Net à payer ${normalise(formatEuros(t.dueCents))}`);
    expect(normalise(formatEuros(t.grandTotalCents))).toBe('170,28 €');
    for (const mention of [
      'Date d’échéance : 28/02/2026',
      'Période : du 01/01/2026 au 31/01/2026',
      'trois fois le taux d’intérêt légal',
      '40 €',
      'Pas d’escompte pour paiement anticipé.',
      'Catégorie d’opération : prestation de services.',
      'Option pour le paiement de la TVA d’après les débits.',
      'ADRESSE DE LIVRAISON',
      '12 rue de la Paix',
      'IBAN : FR76 3000 6000 0112 3456 7890 189',
      'BIC : AGRIFRPP882',
      'SIREN 732 829 320',
      'N° TVA intracommunautaire : FR44732829320',
      'SAS au capital de 50 000 € · RCS Paris 732 829 320',
      'Exonération : Débours refacturés',
    ]) {
      expect(shown).toContain(mention);
    }
  });

  withTools('pdftotext shows the credit note, its reference, and every page of a long invoice', () => {
    const credit = normalise(run('pdftotext', ['-enc', 'UTF-8', file('credit-note.pdf', creditNote), '-']).stdout);
    expect(credit).toContain('AVOIR');
    expect(credit).toContain('Avoir sur la facture : n° F2026-000123 du 31/01/2026');
    expect(credit).toContain(`Net à déduire ${normalise(formatEuros(creditNote.totals.dueCents))}`);
    expect(credit).not.toContain('Option pour le paiement de la TVA d’après les débits');
    const pages = normalise(run('pdftotext', ['-enc', 'UTF-8', file('long.pdf', long), '-']).stdout);
    expect(pages).toContain('Page 3 / 3');
    for (const line of long.totals.lines) expect(pages).toContain(normalise(formatEuros(line.netCents)));
    expect(pages).toContain(`Net à payer ${normalise(formatEuros(long.totals.dueCents))}`);
  });
});
