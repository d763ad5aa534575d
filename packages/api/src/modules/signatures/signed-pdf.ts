import PDFKit from 'pdfkit';
import { PDFDocument } from 'pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { invoiceFonts } from '../invoices/facturx/fonts';
import { CadesSealSigner } from './cades-signer';
import type { Consent } from './consent';
import type { SealIdentity } from './seal-certificate';

/** Room for the CMS in the signature dictionary, in bytes (a 3-certificate RSA 4096 chain fits). */
const SIGNATURE_BYTES = 16_384;

/** What the certificate page states. */
export interface CertificateFacts {
  documentTitle: string;
  /** SHA-256 of the document as it was signed (the original's bytes). */
  documentSha256: string;
  signerName: string;
  signerEmail: string;
  companyName: string;
  /** 14-digit SIRET (its first 9 digits are the SIREN). */
  companySiret: string;
  signedAt: Date;
  consent: Consent;
  /** The hash of the evidence trail's last event before the seal, and its number. */
  trailHash: string;
  trailSeq: number;
  verificationReference: string;
  /** The operator who seals, and where. */
  operatorName: string;
  operatorCity: string;
  operatorEmail: string;
}

/** "2026-12-07 14:03:27 UTC" */
export const utcStamp = (d: Date): string => `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;

/** The signature certificate page, alone, as a one-page PDF (Liberation Sans, so any name prints). */
export function certificatePage(facts: CertificateFacts, development: boolean): Promise<Buffer> {
  const fonts = invoiceFonts();
  const doc = new PDFKit({ size: 'A4', margin: 56, info: { Title: 'Certificat de signature électronique', Creator: 'Guichet' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const width = doc.page.width - 112;

  doc.font('bold').fontSize(16).fillColor('#111827').text('Certificat de signature électronique', { width });
  doc.font('regular').fontSize(10).fillColor('#4b5563').text('Electronic signature certificate', { width });
  doc.moveDown(1);

  const row = (label: string, value: string, mono = false): void => {
    doc.font('bold').fontSize(9).fillColor('#374151').text(label, { width });
    doc
      .font('regular')
      .fontSize(mono ? 8.5 : 10)
      .fillColor('#111827')
      .text(value, { width });
    doc.moveDown(0.45);
  };
  const siren = facts.companySiret.slice(0, 9);
  row('Document signé / Signed document', facts.documentTitle);
  row('Empreinte SHA-256 du document / Document SHA-256', facts.documentSha256, true);
  row('Signataire / Signer', `${facts.signerName} — ${facts.signerEmail}`);
  row('Entreprise / Company', `${facts.companyName} — SIREN ${siren} — SIRET ${facts.companySiret}`);
  row('Date et heure de la signature (UTC) / Signed at (UTC)', utcStamp(facts.signedAt));
  row(
    'Procédé / Method',
    'Code à usage unique de 6 chiffres envoyé à l’adresse e-mail du signataire (valable 10 minutes, 5 essais), saisi dans sa session personnelle, après lecture du document et consentement exprès. / ' +
      'A 6-digit one-time code sent to the signer’s email address (valid 10 minutes, 5 attempts), typed in their own session after reading the document and giving explicit consent.',
  );
  row(`Consentement exprimé (version ${facts.consent.version}, ${facts.consent.locale}) / Consent given`, facts.consent.text);
  row(`Empreinte finale du journal de preuve (événement n° ${facts.trailSeq}) / Evidence trail final hash`, facts.trailHash, true);
  row('Référence de vérification / Verification reference', facts.verificationReference);
  doc.moveDown(0.5);
  doc
    .font('regular')
    .fontSize(8.5)
    .fillColor('#374151')
    .text(
      `Signature électronique simple au sens de l’article 25, paragraphe 1, du règlement (UE) n° 910/2014 (eIDAS) et des articles 1366 et 1367 du Code civil. ` +
        `Ce fichier (le document d’origine suivi de cette page) est scellé par ${facts.operatorName} au moyen d’un cachet électronique PAdES : toute modification ultérieure du fichier rend le cachet invalide dans un lecteur PDF. ` +
        `Le journal de preuve (événements horodatés, adresses IP, navigateurs, chaînés par SHA-256) est conservé par ${facts.operatorName} (${facts.operatorEmail}) et peut être produit avec la référence ci-dessus.`,
      { width },
    );
  if (development) {
    doc.moveDown(0.6);
    doc
      .font('bold')
      .fontSize(9)
      .fillColor('#b91c1c')
      .text('Cachet de développement, auto-signé : sans valeur en dehors des essais. / Self-signed development seal: for testing only.', {
        width,
      });
  }
  doc.end();
  return done;
}

/**
 * The signed PDF: the original, then the certificate page, sealed with a PAdES signature
 * (SubFilter ETSI.CAdES.detached) over the whole file but the signature itself. The original's
 * pages are copied as they are.
 */
export async function sealedPdf(original: Buffer, facts: CertificateFacts, seal: SealIdentity): Promise<Buffer> {
  const pdf = await PDFDocument.load(original, { updateMetadata: false });
  const certificate = await PDFDocument.load(await certificatePage(facts, seal.development));
  const [page] = await pdf.copyPages(certificate, [0]);
  if (!page) throw new Error('The certificate page could not be made.');
  pdf.addPage(page);
  pdflibAddPlaceholder({
    pdfDoc: pdf,
    pdfPage: page,
    reason: `Signature électronique de ${facts.signerName} (${facts.verificationReference})`,
    contactInfo: facts.operatorEmail,
    name: facts.operatorName,
    location: facts.operatorCity,
    signingTime: facts.signedAt,
    signatureLength: SIGNATURE_BYTES,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: 'Guichet',
  });
  const prepared = Buffer.from(await pdf.save({ useObjectStreams: false }));
  return new SignPdf().sign(prepared, new CadesSealSigner(seal), facts.signedAt);
}
