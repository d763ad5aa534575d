import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { newId } from '../common/ids';
import { loadEnv } from '../config/env';
import { dbDate } from '../db/columns';
import { openDatabase } from '../db/data-source';
import { MAIL_TYPES, type MailType } from '../modules/mail/mail-item.entity';
import { searchTextOf } from '../modules/mail/mail.validation';
import { createStorage } from '../storage/create-storage';
import type { FileStorage } from '../storage/storage';
import { letterPdf } from './demo-mail';

const SENDERS = [
  'URSSAF Île-de-France',
  'impots.gouv — DGFiP, SIE Paris 2e',
  'Banque Populaire Rives de Paris',
  'BNP Paribas Entreprises',
  'Crédit Agricole Île-de-France',
  'EDF Entreprises',
  'Engie Pro',
  'Orange Business',
  'SFR Business',
  'Greffe du Tribunal de commerce de Paris',
  'INPI',
  'France Travail',
  'AG2R La Mondiale',
  'Allianz',
  'AXA Entreprises',
  'Cabinet Moreau & Associés',
  'Maison Lefèvre SARL',
  'Boulangerie Dupain',
  'Atelier Rousseau',
  'Bureau Vallée Pro',
  'Lyreco',
  'Metro Cash & Carry',
  'Colissimo — La Poste',
  'Chronopost',
  'DHL Express',
  'Société Générale',
  'LCL Professionnels',
  'CIC Entreprises',
  'Qonto',
  'Mairie de Paris',
];

export interface BulkOptions {
  /** Rows per INSERT statement. */
  rowsPerStatement?: number;
  /** Statements per transaction. */
  statementsPerTransaction?: number;
  /** Share of items that get one of the company's existing tags (0..1). */
  taggedShare?: number;
  /** Received dates spread over this many days before now. */
  spanDays?: number;
  now?: Date;
  onProgress?: (inserted: number) => void;
}

/**
 * Inserts `count` mail items for a company with multi-row INSERTs, in transactions of a few
 * thousand rows. Every row points at one shared small PDF (stored once), so a million rows do not
 * fill the disk. For load tests and benchmarks; no email or journal entry is written.
 */
export async function insertBulkMail(
  ds: DataSource,
  storage: FileStorage,
  companyId: string,
  count: number,
  options: BulkOptions = {},
): Promise<{ inserted: number; tagged: number }> {
  const rowsPerStatement = options.rowsPerStatement ?? 1000;
  const perTransaction = options.statementsPerTransaction ?? 5;
  const taggedShare = options.taggedShare ?? 0.05;
  const spanMs = (options.spanDays ?? 3650) * 86_400_000;
  const now = options.now ?? new Date();
  const kind = ds.options.type;

  const fileKey = `${companyId}/mail/bulk-sample.pdf`;
  const pdf = await letterPdf({
    sender: 'Guichet',
    recipient: 'Jeu de données de charge',
    city: 'Paris',
    date: now,
    subject: 'Courrier de test',
    lines: ['Document partagé par les courriers générés en masse.'],
  });
  const stored = await storage.put(fileKey, pdf);
  const companies: { name: string }[] = await ds.query('SELECT name FROM companies WHERE id = ?', [companyId]);
  const companyName = companies[0]?.name;
  if (!companyName) throw new Error(`No company ${companyId}`);
  const tagIds = ((await ds.query('SELECT id FROM tags WHERE company_id = ?', [companyId])) as { id: string }[]).map((t) => t.id);

  let inserted = 0;
  let tagged = 0;
  while (inserted < count) {
    await ds.transaction(async (em) => {
      for (let s = 0; s < perTransaction && inserted < count; s += 1) {
        const n = Math.min(rowsPerStatement, count - inserted);
        const values: unknown[] = [];
        const links: unknown[] = [];
        for (let i = 0; i < n; i += 1) {
          const id = newId();
          const receivedAt = new Date(now.getTime() - Math.floor(Math.random() * spanMs));
          const sender = SENDERS[Math.floor(Math.random() * SENDERS.length)] as string;
          const type = (Math.random() < 0.7 ? 'LETTER' : MAIL_TYPES[Math.floor(Math.random() * MAIL_TYPES.length)]) as MailType;
          const status = Math.random() < 0.9 ? 'SCANNED' : 'ARCHIVED';
          values.push(
            id,
            companyId,
            dbDate(kind, receivedAt),
            sender,
            companyName,
            type,
            1,
            status,
            fileKey,
            stored.size,
            stored.sha256,
            searchTextOf(sender, companyName),
            dbDate(kind, new Date(receivedAt.getTime() + 3_600_000)),
          );
          if (tagIds.length > 0 && Math.random() < taggedShare) {
            links.push(id, tagIds[Math.floor(Math.random() * tagIds.length)], companyId, dbDate(kind, receivedAt));
          }
        }
        await em.query(
          `INSERT INTO mail_items (id, company_id, received_at, sender, recipient, type, page_count, status, file_key, file_size, file_sha256, search_text, created_at)
           VALUES ${Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
          values,
        );
        if (links.length > 0) {
          await em.query(
            `INSERT INTO mail_item_tags (mail_item_id, tag_id, company_id, received_at) VALUES ${Array.from({ length: links.length / 4 }, () => '(?, ?, ?, ?)').join(', ')}`,
            links,
          );
          tagged += links.length / 4;
        }
        inserted += n;
      }
    });
    options.onProgress?.(inserted);
  }
  return { inserted, tagged };
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
}

/** `pnpm --filter @guichet/api seed:bulk -- --company <id|siret> --count 1000000` */
async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  const company = argValue(args, '--company');
  const count = Number(argValue(args, '--count') ?? '100000');
  if (!company || !Number.isInteger(count) || count < 1) {
    console.error('Usage: seed:bulk -- --company <company id or SIRET> --count <N>');
    process.exit(2);
  }
  const env = loadEnv();
  const ds = await openDatabase({ url: env.DATABASE_URL, dataDir: env.dataDir });
  try {
    const rows: { id: string; name: string }[] = await ds.query('SELECT id, name FROM companies WHERE id = ? OR siret = ?', [
      company,
      company.replace(/\s+/g, ''),
    ]);
    const target = rows[0];
    if (!target) throw new Error(`No company with id or SIRET ${company}`);
    const started = Date.now();
    let last = 0;
    const result = await insertBulkMail(ds, createStorage(env.fileStorage), target.id, count, {
      onProgress: (inserted) => {
        if (inserted - last >= 100_000 || inserted === count) {
          last = inserted;
          const s = (Date.now() - started) / 1000;
          console.log(
            `${inserted.toLocaleString('en')} rows — ${s.toFixed(1)} s — ${Math.round(inserted / s).toLocaleString('en')} rows/s`,
          );
        }
      },
    });
    if (ds.options.type === 'mysql') await ds.query('ANALYZE TABLE mail_items, mail_item_tags');
    else await ds.query('ANALYZE');
    console.log(
      `Inserted ${result.inserted.toLocaleString('en')} mail items (${result.tagged.toLocaleString('en')} tagged) for ${target.name} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
