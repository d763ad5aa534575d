import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import type { DataSource } from 'typeorm';
import { newId } from '../common/ids';
import { UserEntity } from '../modules/auth/user.entity';
import { CompanyEntity } from '../modules/companies/company.entity';
import { ForwardingRequestEntity, ForwardingRequestItemEntity } from '../modules/mail/forwarding-request.entity';
import { MailItemEntity, MailItemTagEntity, type MailStatus, type MailType } from '../modules/mail/mail-item.entity';
import { tagNameKey } from '@guichet/shared';
import { searchTextOf } from '../modules/mail/mail.validation';
import { TagEntity } from '../modules/mail/tag.entity';
import { mailFileKey, type FileStorage } from '../storage/storage';

export const DEMO_TAGS = [
  { name: 'Banque', color: '#2563eb' },
  { name: 'Impôts', color: '#dc2626' },
  { name: 'Urgent', color: '#ea580c' },
  { name: 'Fournisseurs', color: '#16a34a' },
] as const;
type DemoTagName = (typeof DEMO_TAGS)[number]['name'];

interface LetterTemplate {
  sender: (city: string) => string;
  type: MailType;
  subject: string;
  lines: string[];
  tags?: DemoTagName[];
  pages?: number;
}

const LETTERS: LetterTemplate[] = [
  {
    sender: (city) => (city === 'Nice' ? 'URSSAF Provence-Alpes-Côte d’Azur' : 'URSSAF Île-de-France'),
    type: 'ADMINISTRATIVE',
    subject: 'Échéancier de vos cotisations sociales',
    lines: [
      'Vous trouverez ci-joint l’échéancier de vos cotisations pour le trimestre à venir.',
      'Les paiements sont à effectuer sur votre espace en ligne.',
    ],
  },
  {
    sender: (city) => `impots.gouv — DGFiP, SIE ${city}`,
    type: 'ADMINISTRATIVE',
    subject: 'Avis de cotisation foncière des entreprises (CFE)',
    lines: ['Votre avis de CFE est disponible dans votre espace professionnel.', 'Date limite de paiement : 15 décembre.'],
    tags: ['Impôts'],
  },
  {
    sender: () => 'Banque Populaire Rives de Paris',
    type: 'LETTER',
    subject: 'Relevé de compte professionnel',
    lines: ['Veuillez trouver ci-joint le relevé de votre compte courant professionnel.', 'Votre conseiller reste à votre disposition.'],
    tags: ['Banque'],
    pages: 2,
  },
  {
    sender: () => 'EDF Entreprises',
    type: 'LETTER',
    subject: 'Votre facture d’électricité',
    lines: ['Montant à régler : 248,60 € TTC.', 'Prélèvement prévu le 12 du mois prochain.'],
    tags: ['Fournisseurs'],
  },
  {
    sender: () => 'Orange Business',
    type: 'LETTER',
    subject: 'Facture de vos services fixe et mobile',
    lines: ['Votre facture mensuelle est disponible.', 'Montant : 89,90 € TTC.'],
    tags: ['Fournisseurs'],
  },
  {
    sender: (city) => `Greffe du Tribunal de commerce de ${city}`,
    type: 'REGISTERED',
    subject: 'Dépôt des comptes annuels',
    lines: ['Nous accusons réception du dépôt de vos comptes annuels.', 'Un extrait Kbis à jour est joint à ce courrier.'],
    tags: ['Urgent'],
    pages: 3,
  },
  {
    sender: (city) => `impots.gouv — DGFiP, SIE ${city}`,
    type: 'REGISTERED',
    subject: 'Relance : déclaration de TVA',
    lines: ['Sauf erreur de notre part, votre déclaration de TVA n’a pas été reçue.', 'Merci de régulariser sous 30 jours.'],
    tags: ['Impôts', 'Urgent'],
  },
  {
    sender: () => 'Maison Lefèvre SARL',
    type: 'LETTER',
    subject: 'Règlement de votre facture n° 2025-118',
    lines: ['Veuillez trouver ci-joint notre chèque en règlement de votre facture.', 'Bien cordialement.'],
  },
  {
    sender: () => 'Bureau Vallée Pro',
    type: 'LETTER',
    subject: 'Facture de fournitures de bureau',
    lines: ['Commande n° BV-44871 livrée le 3 du mois.', 'Montant : 132,45 € TTC.'],
    tags: ['Fournisseurs'],
  },
  {
    sender: () => 'Allianz — Assurance multirisque professionnelle',
    type: 'LETTER',
    subject: 'Avis d’échéance de votre contrat',
    lines: ['Votre contrat sera reconduit à la date anniversaire.', 'Montant de la prime annuelle : 612,00 €.'],
    pages: 2,
  },
  {
    sender: () => 'Cabinet Moreau & Associés, expert-comptable',
    type: 'LETTER',
    subject: 'Liasse fiscale à signer',
    lines: ['Merci de nous retourner la liasse fiscale signée.', 'Nous restons disponibles pour tout échange.'],
    tags: ['Urgent'],
    pages: 4,
  },
  {
    sender: () => 'Metro Cash & Carry',
    type: 'ADVERTISING',
    subject: 'Vos offres professionnelles du mois',
    lines: ['Découvrez nos promotions réservées aux professionnels.'],
  },
  {
    sender: () => 'Colissimo — La Poste',
    type: 'PARCEL',
    subject: 'Avis de passage : colis à retirer',
    lines: ['Un colis à votre nom est disponible à l’accueil de la domiciliation.'],
  },
  {
    sender: () => 'Banque Populaire Rives de Paris',
    type: 'LETTER',
    subject: 'Votre nouvelle carte Visa Business',
    lines: ['Votre nouvelle carte vous sera remise sous pli séparé.', 'Pensez à l’activer lors de votre premier paiement.'],
    tags: ['Banque'],
  },
  {
    sender: () => 'INPI',
    type: 'ADMINISTRATIVE',
    subject: 'Enregistrement de votre marque',
    lines: ['Votre demande d’enregistrement a été publiée au BOPI.', 'Le délai d’opposition court pendant deux mois.'],
  },
];

/** A small, deterministic pseudo-random sequence, so the demo looks the same on every machine. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FR_DATE = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });

/** A one-to-few-page A4 PDF that reads like the letter it stands for. */
export async function letterPdf(p: {
  sender: string;
  recipient: string;
  city: string;
  date: Date;
  subject: string;
  lines: string[];
  pages?: number;
}): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle(`${p.sender} — ${p.subject}`);
  doc.setProducer('Guichet (démonstration)');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const pages = p.pages ?? 1;
  for (let n = 1; n <= pages; n += 1) {
    const page = doc.addPage([595.28, 841.89]);
    const ink = rgb(0.12, 0.16, 0.22);
    page.drawText(p.sender, { x: 56, y: 780, size: 14, font: bold, color: ink });
    if (n === 1) {
      page.drawText(p.recipient, { x: 330, y: 700, size: 11, font, color: ink });
      page.drawText(`${p.city}, le ${FR_DATE.format(p.date)}`, { x: 330, y: 650, size: 10, font, color: ink });
      page.drawText(`Objet : ${p.subject}`, { x: 56, y: 590, size: 11, font: bold, color: ink });
      page.drawText('Madame, Monsieur,', { x: 56, y: 555, size: 11, font, color: ink });
      p.lines.forEach((line, i) => page.drawText(line, { x: 56, y: 530 - i * 18, size: 11, font, color: ink }));
      page.drawText('Veuillez agréer nos salutations distinguées.', { x: 56, y: 510 - p.lines.length * 18, size: 11, font, color: ink });
    } else {
      page.drawText(`Annexe ${n - 1} — ${p.subject}`, { x: 56, y: 740, size: 11, font, color: ink });
    }
    page.drawText(`Page ${n} / ${pages}`, { x: 270, y: 40, size: 9, font, color: rgb(0.4, 0.45, 0.5) });
  }
  return Buffer.from(await doc.save());
}

/**
 * About thirty letters per demo company over the last six months, with their PDFs, the demo
 * tags and, for Demo SAS, one forwarding request already sent. Written straight to the tables:
 * no notification email goes out for them.
 */
export async function seedDemoMail(
  ds: DataSource,
  storage: FileStorage,
  companies: { demo: { siret: string }; autre: { siret: string } },
  now: Date = new Date(),
  perCompany = 30,
): Promise<void> {
  const staff = await ds.getRepository(UserEntity).findOne({ where: { isStaff: true }, order: { createdAt: 'ASC' } });
  for (const [index, key] of (['demo', 'autre'] as const).entries()) {
    const company = await ds.getRepository(CompanyEntity).findOne({ where: { siret: companies[key].siret } });
    if (!company) continue;
    const random = mulberry32(20251124 + index);
    const tags = new Map<DemoTagName, TagEntity>(
      DEMO_TAGS.map((t) => [
        t.name,
        { id: newId(), companyId: company.id, name: t.name, nameKey: tagNameKey(t.name), color: t.color, createdAt: now, updatedAt: now },
      ]),
    );
    const items: MailItemEntity[] = [];
    const links: MailItemTagEntity[] = [];
    for (let i = 0; i < perCompany; i += 1) {
      const template = LETTERS[(i * 7 + index) % LETTERS.length] as LetterTemplate;
      const daysAgo = Math.floor((i * 180) / perCompany + random() * 5);
      const receivedAt = new Date(now.getTime() - daysAgo * 86_400_000);
      receivedAt.setUTCHours(7 + Math.floor(random() * 4), Math.floor(random() * 60), Math.floor(random() * 60), 0);
      if (receivedAt > now) receivedAt.setTime(now.getTime() - 3_600_000);
      const sender = template.sender(company.city);
      const recipient = random() < 0.5 ? company.name : `${key === 'demo' ? 'Mme Alice Martin' : 'Mme Emma Leroy'} — ${company.name}`;
      const id = newId(receivedAt.getTime());
      const pdf = await letterPdf({
        sender,
        recipient,
        city: company.city,
        date: receivedAt,
        subject: template.subject,
        lines: template.lines,
        pages: template.pages,
      });
      const fileKey = mailFileKey(company.id, id);
      const stored = await storage.put(fileKey, pdf);
      const status: MailStatus = daysAgo > 150 && random() < 0.4 ? 'ARCHIVED' : 'SCANNED';
      items.push({
        id,
        companyId: company.id,
        receivedAt,
        sender,
        recipient,
        type: template.type,
        pageCount: template.pages ?? 1,
        status,
        fileKey,
        fileSize: stored.size,
        fileSha256: stored.sha256,
        searchText: searchTextOf(sender, recipient),
        // Scanned about 40 minutes after it arrived, but never later than the seed itself.
        createdAt: new Date(Math.min(receivedAt.getTime() + 40 * 60_000, now.getTime())),
        uploadedById: staff?.id ?? null,
      });
      // Most letters carry their template's tags; a few are left for the user to sort.
      if (random() < 0.8) {
        for (const name of template.tags ?? []) {
          const tag = tags.get(name);
          if (tag) links.push({ mailItemId: id, tagId: tag.id, companyId: company.id, receivedAt });
        }
      }
    }
    await ds.transaction(async (em) => {
      await em.insert(TagEntity, [...tags.values()]);
      await em.insert(MailItemEntity, items);
      if (links.length > 0) await em.insert(MailItemTagEntity, links);
      if (key === 'demo') {
        const requester = await em.getRepository(UserEntity).findOne({ where: { email: 'alice.martin@demo-sas.fr' } });
        const forwarded = items.filter((it) => it.status === 'SCANNED' && it.type === 'REGISTERED').slice(0, 2);
        if (requester && forwarded.length > 0) {
          const createdAt = new Date(Math.max(...forwarded.map((f) => f.createdAt.getTime())) + 86_400_000);
          const request: ForwardingRequestEntity = {
            id: newId(createdAt.getTime()),
            companyId: company.id,
            status: 'SENT',
            addressLine1: '5 rue des Archives',
            addressLine2: null,
            postalCode: '75004',
            city: 'Paris',
            country: 'FR',
            itemCount: forwarded.length,
            idempotencyKey: 'demo-seed-1',
            requestHash: '0'.repeat(64),
            requestedById: requester.id,
            createdAt: createdAt > now ? now : createdAt,
            processedAt: createdAt > now ? now : new Date(createdAt.getTime() + 86_400_000),
            processedById: staff?.id ?? null,
          };
          if (request.processedAt && request.processedAt > now) request.processedAt = now;
          await em.insert(ForwardingRequestEntity, request);
          await em.insert(
            ForwardingRequestItemEntity,
            forwarded.map((f) => ({ forwardingRequestId: request.id, mailItemId: f.id, companyId: company.id })),
          );
          await em
            .createQueryBuilder()
            .update(MailItemEntity)
            .set({ status: 'FORWARDED' })
            .where('id IN (:...ids)', { ids: forwarded.map((f) => f.id) })
            .execute();
        }
      }
    });
  }
}
