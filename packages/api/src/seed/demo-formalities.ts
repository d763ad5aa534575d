import type { DataSource } from 'typeorm';
import type { ServiceContext } from '../db/with-transaction';
import { FormalitiesService } from '../modules/formalities/formalities.service';
import type { OutboxService } from '../modules/mailer/outbox.service';
import type { FileStorage } from '../storage/storage';
import { letterPdf } from './demo-mail';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The seed writes no email: nobody is told about formalities that happened "in the past". */
const SILENT_OUTBOX = { enqueue: async () => '' } as unknown as OutboxService;

const pdf = (subject: string, lines: string[]): Promise<Buffer> =>
  letterPdf({ sender: 'Domicile Pro — Formalités', recipient: 'Demo SAS', city: 'Paris', date: new Date(), subject, lines, pages: 1 });

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
}
