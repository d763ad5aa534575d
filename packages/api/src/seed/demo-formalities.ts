import PDFDocument from 'pdfkit';
import type { DataSource } from 'typeorm';
import { newId } from '../common/ids';
import { withTransaction, type ServiceContext } from '../db/with-transaction';
import { UserEntity } from '../modules/auth/user.entity';
import { FormalitiesService } from '../modules/formalities/formalities.service';
import { FormalityEventEntity } from '../modules/formalities/formality.entity';
import { appendEvent } from '../modules/signatures/evidence';
import { newVerificationReference } from '../modules/signatures/otp';
import { pendingSignatureRequest, requestCreatedDetail, SignatureRequestEntity } from '../modules/signatures/signature-request.entity';
import type { OutboxService } from '../modules/mailer/outbox.service';
import type { FileStorage } from '../storage/storage';
import { letterPdf } from './demo-mail';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The seed writes no email: nobody is told about formalities that happened "in the past". */
const SILENT_OUTBOX = { enqueue: async () => '' } as unknown as OutboxService;

const pdf = (subject: string, lines: string[]): Promise<Buffer> =>
  letterPdf({ sender: 'Domicile Pro — Formalités', recipient: 'Demo SAS', city: 'Paris', date: new Date(), subject, lines, pages: 1 });

/** The pouvoir the demo's signer is asked to sign: one A4 page, made with pdfkit. */
export function pouvoirPdf(companyName: string, signerName: string, at: Date): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 64, info: { Title: 'Pouvoir', Creator: 'Guichet' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(18).text('POUVOIR', { align: 'center' });
  doc.moveDown(1.5);
  doc.font('Helvetica').fontSize(11);
  for (const paragraph of [
    `Je soussigné(e), ${signerName}, agissant pour le compte de la société ${companyName},`,
    'donne pouvoir à Domicile Pro SAS, 24 rue du Faubourg Montmartre, 75009 Paris,',
    'd’accomplir en son nom toutes les formalités de transfert du siège social à Lyon auprès du guichet unique des formalités des entreprises : signer et déposer la déclaration de modification, les pièces justificatives et l’annonce légale, et généralement faire le nécessaire.',
    `Fait à Paris, le ${at.toISOString().slice(0, 10).split('-').reverse().join('/')}.`,
  ]) {
    doc.text(paragraph, { align: 'justify' });
    doc.moveDown(0.8);
  }
  doc.moveDown(2);
  doc.text('Signature électronique du mandant (certificat en dernière page).', { align: 'right' });
  doc.end();
  return done;
}

/**
 * Demo SAS's formalities, through the real service paths: a transfert de siège waiting for the
 * client (two open requests, one of them a file; the three documents sent earlier accepted), and
 * a modification des statuts completed, with its updated Kbis delivered.
 */
export async function seedDemoFormalities(
  ds: DataSource,
  storage: FileStorage,
  companyId: string,
  staffId: string,
  clientId: string,
  now: Date,
): Promise<void> {
  const service = new FormalitiesService(ds, { publicUrl: '', fileUrlSecret: 'seed' }, storage, SILENT_OUTBOX);
  const at = (daysAgo: number, userId: string): ServiceContext => ({
    actor: { userId, ip: null },
    now: new Date(now.getTime() - daysAgo * DAY_MS),
    ip: null,
    userAgent: null,
  });
  const staff = (daysAgo: number): ServiceContext => at(daysAgo, staffId);
  const client = (daysAgo: number): ServiceContext => at(daysAgo, clientId);

  // A modification des statuts, completed three weeks ago.
  const statuts = await service.open(staff(60), companyId, 'MODIFICATION_STATUTS', 'Modification de l’objet social');
  await service.move(staff(59), statuts.id, 'INFORMATION_REQUESTED', { dueDate: null });
  for (const request of await service.requests(staff(58), statuts.id)) {
    const answer =
      request.kind === 'FILE'
        ? await service.answerFile(client(55), companyId, request.id, await pdf(request.question, ['Document transmis pour la formalité.']))
        : await service.answer(client(55), companyId, request.id, 'Article 2 : objet social étendu au conseil en gestion.');
    await service.review(staff(54), answer.id, true, null);
  }
  await service.move(staff(53), statuts.id, 'UNDER_REVIEW');
  await service.move(staff(50), statuts.id, 'FILED', { trackingNumber: 'J00012345678' });
  await service.move(staff(49), statuts.id, 'AWAITING_VALIDATION');
  await service.deliverDocument(
    staff(21),
    companyId,
    statuts.id,
    'Extrait Kbis à jour',
    await pdf('Extrait Kbis', ['Extrait d’immatriculation principale au registre du commerce et des sociétés.']),
  );
  await service.move(staff(21), statuts.id, 'COMPLETED');

  // A transfert de siège, waiting for the client: the pouvoir (a file) and the date remain.
  const transfert = await service.open(staff(10), companyId, 'TRANSFERT_SIEGE', 'Transfert du siège social à Lyon');
  await service.move(staff(10), transfert.id, 'INFORMATION_REQUESTED', {
    dueDate: new Date(now.getTime() + 7 * DAY_MS).toISOString().slice(0, 10),
  });
  const requests = await service.requests(staff(9), transfert.id);
  for (const request of requests.slice(0, 3)) {
    const answer = await service.answerFile(
      client(6),
      companyId,
      request.id,
      await pdf(request.question, ['Document transmis pour le transfert.']),
    );
    await service.review(staff(5), answer.id, true, null);
  }

  // The pouvoir, delivered for David to sign: a pending signature request (its trail starts with
  // REQUEST_CREATED). The formality stays with the client, who still has two answers to give.
  const signer = await ds.manager.findOneByOrFail(UserEntity, { id: clientId });
  const signerName = `${signer.firstName} ${signer.lastName}`;
  const pouvoir = await service.deliverDocument(
    staff(4),
    companyId,
    transfert.id,
    'Pouvoir à signer',
    await pouvoirPdf('Demo SAS', signerName, new Date(now.getTime() - 4 * DAY_MS)),
  );
  await withTransaction(ds, staff(4), async (tx) => {
    const request = pendingSignatureRequest({
      id: newId(tx.now.getTime()),
      formalityId: transfert.id,
      companyId,
      document: pouvoir,
      signer: { id: signer.id, name: signerName, email: signer.email },
      requestedById: staffId,
      verificationReference: newVerificationReference(),
      at: tx.now,
    });
    await tx.em.insert(SignatureRequestEntity, request);
    const staffUser = await tx.em.findOneByOrFail(UserEntity, { id: staffId });
    await appendEvent(tx, request, 'REQUEST_CREATED', {
      userId: staffId,
      userName: `${staffUser.firstName} ${staffUser.lastName}`,
      detail: requestCreatedDetail(request),
    });
    await tx.em.insert(FormalityEventEntity, {
      id: newId(tx.now.getTime()),
      formalityId: transfert.id,
      companyId,
      kind: 'SIGNATURE_REQUESTED',
      fromState: null,
      toState: null,
      actorUserId: staffId,
      actorName: `${staffUser.firstName} ${staffUser.lastName}`,
      actorIsStaff: true,
      detail: `${pouvoir.title} — ${signerName}`,
      at: tx.now,
    });
  });
}

/** Autre SARL's changement de dirigeant: everything answered, under the operator's review. */
export async function seedOtherCompanyFormality(
  ds: DataSource,
  storage: FileStorage,
  companyId: string,
  staffId: string,
  clientId: string,
  now: Date,
): Promise<void> {
  const service = new FormalitiesService(ds, { publicUrl: '', fileUrlSecret: 'seed' }, storage, SILENT_OUTBOX);
  const at = (daysAgo: number, userId: string): ServiceContext => ({
    actor: { userId, ip: null },
    now: new Date(now.getTime() - daysAgo * DAY_MS),
    ip: null,
    userAgent: null,
  });
  const formality = await service.open(at(8, staffId), companyId, 'CHANGEMENT_DIRIGEANT', 'Nomination de la nouvelle gérante');
  await service.move(at(8, staffId), formality.id, 'INFORMATION_REQUESTED', { dueDate: null });
  for (const request of await service.requests(at(7, staffId), formality.id)) {
    if (request.kind === 'FILE') {
      await service.answerFile(
        at(3, clientId),
        companyId,
        request.id,
        await pdf(request.question, ['Document transmis pour la nomination.']),
      );
    } else {
      const day = new Date(now.getTime() + 14 * DAY_MS).toISOString().slice(0, 10);
      await service.answer(at(3, clientId), companyId, request.id, request.kind === 'DATE' ? day : 'Camille Roux');
    }
  }
  await service.move(at(2, staffId), formality.id, 'UNDER_REVIEW');
}
