import { formatSiret } from '@guichet/shared';
import PDFDocument from 'pdfkit';
import { invoiceFonts } from './fonts';
import { deliveryDiffers, formatSiren, frenchMentions, paymentTermsText, sellerLegalText } from './mentions';
import { formatDateFr, formatDecimalFr, formatEuros, formatRateFr } from './money';
import type { InvoiceDocumentInput, InvoiceTotals, PostalAddress } from './types';

export const FACTURX_XML_NAME = 'factur-x.xml';
export const FACTURX_NS = 'urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#';
export const FACTURX_CONFORMANCE_LEVEL = 'EN 16931';

export interface RenderOptions {
  /** CreationDate of the PDF and of the attachment; defaults to now. Fixing it makes the bytes reproducible. */
  createdAt?: Date;
}

// A4 in points, and the layout grid.
const PAGE = { width: 595.28, height: 841.89 };
const LEFT = 45;
const RIGHT = PAGE.width - 45;
const WIDTH = RIGHT - LEFT;
const TOP = 45;
/** Content stops here; the footer lives below. */
const BOTTOM = PAGE.height - 70;

const INK = '#1f2933';
const MUTED = '#616e7c';
const RULE = '#cbd2d9';
const BAND = '#eef1f4';
const ACCENT = '#243b53';

type Doc = PDFKit.PDFDocument;
type Face = 'regular' | 'bold';

/** The table of lines: x offset and width of each column, and its alignment. */
const COLUMNS = [
  { title: 'Désignation', x: 0, width: 225, align: 'left' },
  { title: 'Quantité', x: 230, width: 55, align: 'right' },
  { title: 'Prix unitaire HT', x: 290, width: 75, align: 'right' },
  { title: 'TVA', x: 370, width: 45, align: 'right' },
  { title: 'Montant HT', x: 420, width: WIDTH - 420, align: 'right' },
] as const;

/** Groups an IBAN by four characters, as printed on bank details. */
export function formatIban(iban: string): string {
  return iban
    .replace(/\s+/g, '')
    .toUpperCase()
    .replace(/(.{4})(?=.)/g, '$1 ');
}

export function documentTitle(input: InvoiceDocumentInput): string {
  return `${input.kind === 'CREDIT_NOTE' ? 'Avoir' : 'Facture'} ${input.number}`;
}

/** What the last line of the totals says: to pay, or (credit note) to be refunded or deducted. */
export function dueLabel(input: InvoiceDocumentInput): string {
  return input.kind === 'CREDIT_NOTE' ? 'Net à déduire' : 'Net à payer';
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** XMP: the Factur-X properties and their PDF/A extension schema declaration (plus dc:title and dc:creator). */
export function facturXXmp(input: InvoiceDocumentInput): string {
  const property = (name: string, description: string): string => `
              <rdf:li rdf:parseType="Resource">
                <pdfaProperty:name>${name}</pdfaProperty:name>
                <pdfaProperty:valueType>Text</pdfaProperty:valueType>
                <pdfaProperty:category>external</pdfaProperty:category>
                <pdfaProperty:description>${description}</pdfaProperty:description>
              </rdf:li>`;
  return `
        <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <dc:format>application/pdf</dc:format>
          <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(documentTitle(input))}</rdf:li></rdf:Alt></dc:title>
          <dc:creator><rdf:Seq><rdf:li>${escapeXml(input.seller.legalName.trim())}</rdf:li></rdf:Seq></dc:creator>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
          <pdfaExtension:schemas>
            <rdf:Bag>
              <rdf:li rdf:parseType="Resource">
                <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
                <pdfaSchema:namespaceURI>${FACTURX_NS}</pdfaSchema:namespaceURI>
                <pdfaSchema:prefix>fx</pdfaSchema:prefix>
                <pdfaSchema:property>
                  <rdf:Seq>${property('DocumentFileName', 'The name of the embedded XML document')}${property('DocumentType', 'The type of the hybrid document in capital letters, e.g. INVOICE or ORDER')}${property('Version', 'The actual version of the standard applying to the embedded XML document')}${property('ConformanceLevel', 'The conformance level of the embedded XML document')}
                  </rdf:Seq>
                </pdfaSchema:property>
              </rdf:li>
            </rdf:Bag>
          </pdfaExtension:schemas>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:fx="${FACTURX_NS}">
          <fx:DocumentType>INVOICE</fx:DocumentType>
          <fx:DocumentFileName>${FACTURX_XML_NAME}</fx:DocumentFileName>
          <fx:Version>1.0</fx:Version>
          <fx:ConformanceLevel>${FACTURX_CONFORMANCE_LEVEL}</fx:ConformanceLevel>
        </rdf:Description>`;
}

/** Draws on a pdfkit document, keeping the current vertical position and breaking pages. */
class Layout {
  y = TOP;

  constructor(
    readonly doc: Doc,
    private readonly input: InvoiceDocumentInput,
  ) {}

  use(face: Face, size: number, color = INK): this {
    this.doc.font(face).fontSize(size).fillColor(color);
    return this;
  }

  /** One line of text, never wrapped; `align` within [x, x + width]. */
  line(text: string, x: number, y: number, width: number, align: 'left' | 'right' | 'center' = 'left'): void {
    const w = this.doc.widthOfString(text);
    const at = align === 'left' ? x : align === 'right' ? x + width - w : x + (width - w) / 2;
    this.doc.text(text, at, y, { lineBreak: false });
  }

  /** Wrapped text; returns its height. */
  block(text: string, x: number, y: number, width: number, align: 'left' | 'right' = 'left'): number {
    const height = this.doc.heightOfString(text, { width, align });
    this.doc.text(text, x, y, { width, align });
    return height;
  }

  measure(text: string, width: number): number {
    return this.doc.heightOfString(text, { width });
  }

  rule(y: number, x1 = LEFT, x2 = RIGHT, color = RULE, width = 0.6): void {
    this.doc.moveTo(x1, y).lineTo(x2, y).lineWidth(width).strokeColor(color).stroke();
  }

  band(x: number, y: number, width: number, height: number, color = BAND): void {
    this.doc.rect(x, y, width, height).fill(color);
  }

  /** Makes room for `height` points, on a new page if needed; returns true when a page was added. */
  ensure(height: number): boolean {
    if (this.y + height <= BOTTOM) return false;
    this.doc.addPage({ size: 'A4', margin: 0 });
    this.use('bold', 10, ACCENT).line(`${documentTitle(this.input)} (suite)`, LEFT, TOP, WIDTH);
    this.use('regular', 8, MUTED).line(this.input.seller.legalName.trim(), LEFT, TOP, WIDTH, 'right');
    this.rule(TOP + 16);
    this.y = TOP + 26;
    return true;
  }
}

function addressLines(address: PostalAddress): string[] {
  return [
    address.line1.trim(),
    ...(address.line2 && address.line2.trim() !== '' ? [address.line2.trim()] : []),
    `${address.postalCode.trim()} ${address.city.trim()}${address.country === 'FR' ? '' : ` (${address.country})`}`,
  ];
}

function drawHeader(l: Layout, input: InvoiceDocumentInput): void {
  const s = input.seller;
  // Seller, top left.
  let y = TOP;
  l.use('bold', 14, ACCENT);
  y += l.block(s.legalName.trim(), LEFT, y, 280) + 4;
  l.use('regular', 8.5);
  for (const text of addressLines(s.address)) y += l.block(text, LEFT, y, 280) + 1;
  y += 3;
  l.use('regular', 8, MUTED);
  const sellerIds = [
    `SIREN ${formatSiren(s.siren)}${s.siret ? ` · SIRET ${formatSiret(s.siret)}` : ''}`,
    `N° TVA intracommunautaire : ${s.vatNumber ?? ''}`,
    sellerLegalText(input),
    ...(s.email ? [s.email] : []),
  ];
  for (const text of sellerIds) y += l.block(text, LEFT, y, 280);

  // Title and references, top right.
  const rx = 330;
  const rw = RIGHT - rx;
  let ry = TOP;
  l.use('bold', 22, ACCENT).line(input.kind === 'CREDIT_NOTE' ? 'AVOIR' : 'FACTURE', rx, ry, rw, 'right');
  ry += 30;
  l.use('bold', 10.5).line(`N° ${input.number}`, rx, ry, rw, 'right');
  ry += 16;
  const facts: [string, string][] = [
    ['Date d’émission', formatDateFr(input.issueDate)],
    ['Date d’échéance', formatDateFr(input.dueDate)],
  ];
  if (input.servicePeriod) {
    facts.push(['Période', `du ${formatDateFr(input.servicePeriod.start)} au ${formatDateFr(input.servicePeriod.end)}`]);
  }
  if (input.preceding) {
    facts.push([
      input.kind === 'CREDIT_NOTE' ? 'Avoir sur la facture' : 'Facture précédente',
      `n° ${input.preceding.number} du ${formatDateFr(input.preceding.issueDate)}`,
    ]);
  }
  for (const [label, value] of facts) {
    l.use('bold', 8.5).line(value, rx, ry, rw, 'right');
    const w = l.doc.widthOfString(value);
    l.use('regular', 8.5, MUTED).line(`${label} : `, rx, ry, rw - w, 'right');
    ry += 12.5;
  }

  // Buyer box (right) and delivery address (left), side by side.
  const top = Math.max(y, ry) + 16;
  const b = input.buyer;
  const buyerLines: [Face, string][] = [
    ['bold', b.legalName.trim()],
    ...addressLines(b.address).map((t): [Face, string] => ['regular', t]),
    ['regular', `SIREN : ${formatSiren(b.siren)}${b.siret ? ` · SIRET ${formatSiret(b.siret)}` : ''}`],
    ...(b.vatNumber ? [['regular', `N° TVA intracommunautaire : ${b.vatNumber}`] as [Face, string]] : []),
  ];
  const boxX = rx - 20;
  const boxW = RIGHT - boxX;
  l.use('regular', 9);
  const boxH = 22 + buyerLines.reduce((h, [face, t]) => h + (l.use(face, 9).measure(t, boxW - 20) + 1.5), 0) + 8;
  l.doc.roundedRect(boxX, top, boxW, boxH, 4).lineWidth(0.8).strokeColor(RULE).stroke();
  l.use('regular', 7.5, MUTED).line(input.kind === 'CREDIT_NOTE' ? 'CLIENT' : 'FACTURÉ À', boxX + 10, top + 8, boxW - 20);
  let by = top + 22;
  for (const [face, t] of buyerLines) by += l.use(face, 9).block(t, boxX + 10, by, boxW - 20) + 1.5;

  let dy = top;
  if (input.deliveryAddress && deliveryDiffers(input)) {
    const dw = boxX - LEFT - 20;
    l.use('regular', 7.5, MUTED).line('ADRESSE DE LIVRAISON (LIEU DE LA PRESTATION)', LEFT, top + 8, dw);
    dy = top + 22;
    dy += l.use('bold', 9).block(b.legalName.trim(), LEFT, dy, dw) + 1.5;
    for (const t of addressLines(input.deliveryAddress)) dy += l.use('regular', 9).block(t, LEFT, dy, dw) + 1.5;
  }
  l.y = Math.max(top + boxH, dy) + 22;
}

function drawTableHeader(l: Layout): void {
  l.band(LEFT, l.y, WIDTH, 18);
  l.use('bold', 8, ACCENT);
  for (const c of COLUMNS)
    l.line(c.title, LEFT + c.x + (c.align === 'left' ? 6 : 0), l.y + 5.5, c.width - (c.align === 'right' ? 6 : 0), c.align);
  l.y += 22;
}

function drawLines(l: Layout, totals: InvoiceTotals): void {
  l.ensure(60);
  drawTableHeader(l);
  const label = COLUMNS[0];
  for (const line of totals.lines) {
    l.use('regular', 9);
    const height = Math.max(l.measure(line.label, label.width - 6), 11) + 7;
    if (l.ensure(height)) drawTableHeader(l);
    l.use('regular', 9).block(line.label, LEFT + 6, l.y, label.width - 6);
    const cells = [
      formatDecimalFr(line.quantity),
      formatEuros(line.unitPriceCents),
      formatRateFr(line.vatRate),
      formatEuros(line.netCents),
    ];
    cells.forEach((text, i) => {
      const c = COLUMNS[i + 1]!;
      l.line(text, LEFT + c.x, l.y, c.width - 6, 'right');
    });
    l.y += height;
    l.rule(l.y - 4);
  }
  l.y += 8;
}

/** VAT breakdown (left) and totals (right), kept together on one page. */
function drawSummary(l: Layout, input: InvoiceDocumentInput, totals: InvoiceTotals): void {
  const vatW = 260;
  const exemptions = totals.vatBreakdown.filter((v) => v.exemptionReason).map((v) => `Exonération : ${v.exemptionReason}`);
  l.use('regular', 7.5);
  const exemptionH = exemptions.reduce((h, t) => h + l.measure(t, vatW) + 2, 0);
  const vatH = 22 + totals.vatBreakdown.length * 14 + (exemptions.length ? exemptionH + 6 : 0);
  const totalRows: [string, number, boolean][] = [
    ['Total HT', totals.taxBasisTotalCents, false],
    ['Total TVA', totals.vatTotalCents, false],
    ['Total TTC', totals.grandTotalCents, true],
  ];
  if (totals.paidCents > 0) totalRows.push(['Déjà réglé', totals.paidCents, false]);
  const totalsH = totalRows.length * 16 + 30;
  l.ensure(Math.max(vatH, totalsH) + 10);
  const top = l.y;

  // VAT breakdown per rate.
  const cols = [
    { title: 'Taux de TVA', x: 0, w: 90 },
    { title: 'Base HT', x: 90, w: 85 },
    { title: 'Montant TVA', x: 175, w: 85 },
  ];
  l.band(LEFT, top, vatW, 18);
  l.use('bold', 8, ACCENT);
  cols.forEach((c, i) => l.line(c.title, LEFT + c.x + (i === 0 ? 6 : 0), top + 5.5, c.w - (i === 0 ? 0 : 6), i === 0 ? 'left' : 'right'));
  let y = top + 22;
  for (const v of totals.vatBreakdown) {
    const rate = v.categoryCode === 'E' ? `${formatRateFr(v.rate)} (exonéré)` : formatRateFr(v.rate);
    l.use('regular', 9);
    l.line(rate, LEFT + 6, y, cols[0]!.w);
    l.line(formatEuros(v.basisCents), LEFT + cols[1]!.x, y, cols[1]!.w - 6, 'right');
    l.line(formatEuros(v.vatCents), LEFT + cols[2]!.x, y, cols[2]!.w - 6, 'right');
    y += 14;
  }
  l.rule(y - 2, LEFT, LEFT + vatW);
  y += 4;
  l.use('regular', 7.5, MUTED);
  for (const t of exemptions) y += l.block(t, LEFT, y, vatW) + 2;

  // Totals.
  const tx = RIGHT - 215;
  const tw = 215;
  let ty = top;
  for (const [label, cents, strong] of totalRows) {
    l.use(strong ? 'bold' : 'regular', 9.5);
    l.line(label, tx + 8, ty + 3, 110);
    l.line(formatEuros(cents), tx, ty + 3, tw - 8, 'right');
    ty += 16;
  }
  l.rule(ty + 1, tx, RIGHT);
  ty += 6;
  l.band(tx, ty, tw, 22, ACCENT);
  l.use('bold', 10.5, '#ffffff');
  l.line(dueLabel(input), tx + 8, ty + 6, 130);
  l.line(formatEuros(totals.dueCents), tx, ty + 6, tw - 8, 'right');
  ty += 22;
  l.y = Math.max(y, ty) + 18;
}

function drawTerms(l: Layout, input: InvoiceDocumentInput): void {
  const s = input.seller;
  const payment =
    input.kind === 'CREDIT_NOTE'
      ? [paymentTermsText(input), `Référence de l’avoir : ${input.number}`]
      : [
          `Échéance : ${formatDateFr(input.dueDate)} — paiement par virement bancaire.`,
          `IBAN : ${formatIban(s.iban)} · BIC : ${s.bic}`,
          `Référence à rappeler avec le paiement : ${input.number}`,
        ];
  const mentions = frenchMentions(input).map((m) => m.text);
  l.use('regular', 8.5);
  const paymentH = payment.reduce((h, t) => h + l.measure(t, WIDTH) + 2, 0);
  l.use('regular', 8);
  const mentionsH = mentions.reduce((h, t) => h + l.measure(t, WIDTH) + 2, 0);

  l.ensure(16 + paymentH + 10);
  l.use('bold', 9, ACCENT).line(input.kind === 'CREDIT_NOTE' ? 'Règlement de l’avoir' : 'Conditions de paiement', LEFT, l.y, WIDTH);
  l.y += 14;
  l.use('regular', 8.5);
  for (const t of payment) l.y += l.block(t, LEFT, l.y, WIDTH) + 2;
  l.y += 10;

  l.ensure(16 + Math.min(mentionsH, 200));
  l.use('bold', 9, ACCENT).line('Mentions légales', LEFT, l.y, WIDTH);
  l.y += 14;
  for (const t of mentions) {
    l.use('regular', 8);
    const h = l.measure(t, WIDTH);
    l.ensure(h + 2);
    l.use('regular', 8, INK).block(t, LEFT, l.y, WIDTH);
    l.y += h + 2;
  }
}

function drawFooters(doc: Doc, input: InvoiceDocumentInput): void {
  const s = input.seller;
  const legal = `${s.legalName.trim()} · ${sellerLegalText(input)} · N° TVA ${s.vatNumber ?? ''} · ${addressLines(s.address).join(', ')}`;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = PAGE.height - 48;
    doc.moveTo(LEFT, y).lineTo(RIGHT, y).lineWidth(0.6).strokeColor(RULE).stroke();
    doc.font('regular').fontSize(7).fillColor(MUTED);
    doc.text(legal, LEFT, y + 7, { width: WIDTH - 60, lineGap: 1 });
    const page = `Page ${i - range.start + 1} / ${range.count}`;
    doc.text(page, RIGHT - doc.widthOfString(page), y + 7, { lineBreak: false });
  }
}

/**
 * Renders the Factur-X PDF: a PDF/A-3b document (fonts embedded, sRGB output intent, XMP with the
 * PDF/A identification and the Factur-X extension schema) showing the invoice in French, with
 * `xml` attached as `factur-x.xml` (AFRelationship Alternative, listed in the catalog's /AF).
 * Every amount printed comes from `totals`.
 */
export async function renderFacturX(
  input: InvoiceDocumentInput,
  totals: InvoiceTotals,
  xml: string,
  options: RenderOptions = {},
): Promise<Buffer> {
  const createdAt = options.createdAt ?? new Date();
  const fonts = invoiceFonts();
  const doc = new PDFDocument({
    pdfVersion: '1.7',
    subset: 'PDF/A-3b',
    size: 'A4',
    margin: 0,
    bufferPages: true,
    autoFirstPage: false,
    lang: 'fr-FR',
    info: { Creator: 'Guichet', Producer: 'PDFKit', CreationDate: createdAt },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  doc.addPage({ size: 'A4', margin: 0 });
  const layout = new Layout(doc, input);
  drawHeader(layout, input);
  drawLines(layout, totals);
  drawSummary(layout, input, totals);
  drawTerms(layout, input);
  drawFooters(doc, input);

  doc.file(Buffer.from(xml, 'utf8'), {
    name: FACTURX_XML_NAME,
    type: 'text/xml',
    description: 'Factur-X invoice (CII D16B, profile EN 16931)',
    creationDate: createdAt,
    modifiedDate: createdAt,
    relationship: 'Alternative',
  } as PDFKit.Mixins.PDFAttachmentOptions & { relationship: string });
  doc.appendXML(facturXXmp(input));
  doc.end();
  return done;
}
