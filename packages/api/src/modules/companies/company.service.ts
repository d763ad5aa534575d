import type { DataSource, EntityManager } from 'typeorm';
import { Brackets } from 'typeorm';
import { validateCompanyName, validatePostalAddress, validateSiret, type FieldError } from '@guichet/shared';
import { decodeCursor, encodeCursor } from '../../common/cursor';
import { DomainError, validationFailed } from '../../common/domain-error';
import { newId } from '../../common/ids';
import { dbDate } from '../../db/columns';
import { isUniqueViolation } from '../../db/errors';
import type { ActivityService } from '../activity/activity.service';
import { CompanyEntity } from './company.entity';

export interface CompanyInput {
  name: string;
  siret: string;
  address: { line1: string; line2?: string | null; postalCode: string; city: string; country?: string | null };
}

export interface Actor {
  userId: string;
  ip: string | null;
}

export class CompanyService {
  constructor(
    private readonly ds: DataSource,
    private readonly activity: ActivityService,
  ) {}

  /** Validates every field at once, so the caller gets all errors in one round trip. */
  private validate(input: CompanyInput): Omit<CompanyEntity, 'id' | 'createdAt' | 'updatedAt'> {
    const errors: FieldError[] = [];
    const name = validateCompanyName(input.name);
    if (!name.ok) errors.push({ field: 'name', code: name.error });
    const siret = validateSiret(input.siret);
    if (!siret.ok) errors.push({ field: 'siret', code: siret.error });
    const address = validatePostalAddress({
      ...input.address,
      line2: input.address.line2 ?? undefined,
      country: input.address.country ?? 'FR',
    });
    if (!address.ok) {
      for (const [field, code] of Object.entries(address.errors)) {
        if (code) errors.push({ field: `address.${field}`, code });
      }
    }
    if (!name.ok || !siret.ok || !address.ok) throw validationFailed(errors);
    return {
      name: name.value,
      siret: siret.siret,
      addressLine1: address.value.line1,
      addressLine2: address.value.line2 ?? null,
      postalCode: address.value.postalCode,
      city: address.value.city,
      country: address.value.country,
    };
  }

  private siretTaken(): DomainError {
    return new DomainError('CONFLICT', 'A company with this SIRET already exists.', [], { field: 'siret' });
  }

  async create(input: CompanyInput, actor: Actor, now: Date = new Date()): Promise<CompanyEntity> {
    const values = this.validate(input);
    const company: CompanyEntity = { id: newId(now.getTime()), ...values, createdAt: now, updatedAt: now };
    try {
      await this.ds.transaction(async (em) => {
        if (await em.exists(CompanyEntity, { where: { siret: values.siret } })) throw this.siretTaken();
        await em.insert(CompanyEntity, company);
        await this.activity.record(
          em,
          {
            companyId: company.id,
            actorUserId: actor.userId,
            action: 'company.created',
            targetType: 'company',
            targetId: company.id,
            details: { name: company.name, siret: company.siret },
            ip: actor.ip,
          },
          now,
        );
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw this.siretTaken();
      throw error;
    }
    return company;
  }

  async update(companyId: string, input: CompanyInput, actor: Actor, now: Date = new Date()): Promise<CompanyEntity> {
    const values = this.validate(input);
    try {
      return await this.ds.transaction(async (em: EntityManager) => {
        const existing = await em.findOne(CompanyEntity, { where: { id: companyId } });
        if (!existing) throw new DomainError('NOT_FOUND', 'Company not found, or you do not have access to it.');
        const clash = await em.findOne(CompanyEntity, { where: { siret: values.siret } });
        if (clash && clash.id !== companyId) throw this.siretTaken();
        await em.update(CompanyEntity, { id: companyId }, { ...values, updatedAt: now });
        await this.activity.record(
          em,
          { companyId, actorUserId: actor.userId, action: 'company.updated', targetType: 'company', targetId: companyId, ip: actor.ip },
          now,
        );
        return { ...existing, ...values, updatedAt: now };
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw this.siretTaken();
      throw error;
    }
  }

  findById(id: string): Promise<CompanyEntity | null> {
    return this.ds.getRepository(CompanyEntity).findOne({ where: { id } });
  }

  /** Newest first, keyset on (created_at, id). Search matches the name or the SIRET. */
  async list(
    first: number,
    after: string | null | undefined,
    search: string | null | undefined,
  ): Promise<{ rows: CompanyEntity[]; hasNextPage: boolean; cursorOf: (c: CompanyEntity) => string }> {
    const qb = this.ds.getRepository(CompanyEntity).createQueryBuilder('c');
    const term = search?.trim();
    if (term) {
      const digits = term.replace(/\s+/g, '');
      qb.andWhere(
        new Brackets((w) => {
          w.where("LOWER(c.name) LIKE :name ESCAPE '!'", { name: `%${term.toLowerCase().replace(/[!%_]/g, '!$&')}%` });
          if (/^\d+$/.test(digits)) w.orWhere('c.siret LIKE :siret', { siret: `${digits}%` });
        }),
      );
    }
    if (after) {
      const [createdAt, id] = decodeCursor(after, 2);
      const at = dbDate(this.ds.options.type, new Date(String(createdAt)));
      qb.andWhere(
        new Brackets((w) => w.where('c.created_at < :at', { at }).orWhere('c.created_at = :at AND c.id < :id', { at, id: String(id) })),
      );
    }
    const rows = await qb
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .take(first + 1)
      .getMany();
    const hasNextPage = rows.length > first;
    return { rows: rows.slice(0, first), hasNextPage, cursorOf: (c) => encodeCursor([c.createdAt.toISOString(), c.id]) };
  }
}
