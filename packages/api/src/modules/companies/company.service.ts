import type { Actor } from '../identity/principal';
import type { DataSource, EntityManager } from 'typeorm';
import { Brackets, In } from 'typeorm';
import { validateCompanyName, validatePostalAddress, validateSiret, type FieldError } from '@guichet/shared';
import { decodeKeysetCursor, encodeCursor } from '../../common/cursor';
import { DomainError, validationFailed } from '../../common/domain-error';
import { newId } from '../../common/ids';
import { dbDate } from '../../db/columns';
import { isUniqueViolation } from '../../db/errors';
import { withTransaction, type ServiceContext, type TransactionalContext } from '../../db/with-transaction';
import type { ActivityService } from '../activity/activity.service';
import { InvitationEntity } from '../team/invitation.entity';
import { MembershipEntity } from '../team/membership.entity';
import { validateInvitationRow, type TeamService, type ValidRow } from '../team/team.service';
import { CompanyEntity } from './company.entity';

export interface CompanyInput {
  name: string;
  siret: string;
  address: { line1: string; line2?: string | null; postalCode: string; city: string; country?: string | null };
}

/** The person the operator invites as the company's first administrator (scopes [ADMIN]). */
export interface FirstAdminInput {
  email: string;
  firstName: string;
  lastName: string;
  phone?: string | null;
  jobTitle?: string | null;
}

export interface NewCompanyInput extends CompanyInput {
  firstAdmin: FirstAdminInput;
}

/** Where a company stands with its first administrator (what the operator sees). */
export interface FirstAdminState {
  /** An ACTIVE membership with ADMIN exists: the company's administrators manage its team. */
  hasAdministrator: boolean;
  /** While there is none: the newest invitation still PENDING (possibly expired) with ADMIN. */
  pendingInvitation: InvitationEntity | null;
}

type CompanyValues = Omit<CompanyEntity, 'id' | 'createdAt' | 'updatedAt'>;

/** Field errors of the first administrator are reported under this prefix (`firstAdmin.email`, …). */
export const FIRST_ADMIN_FIELD = 'firstAdmin';

export type { Actor };

/** Who changes a company: never anonymous (the access declarations require a caller). */
function actorIn(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw new Error('A company change is always made by someone');
  return ctx.actor;
}

export class CompanyService {
  constructor(
    private readonly ds: DataSource,
    private readonly activity: ActivityService,
    private readonly team: TeamService,
  ) {}

  /** Reads see the caller's uncommitted writes when the call is part of a transaction. */
  private reader(ctx: ServiceContext): EntityManager {
    return ctx.em ?? this.ds.manager;
  }

  /** Validates every field at once, so the caller gets all errors in one round trip. */
  private validate(input: CompanyInput): CompanyValues {
    const checked = this.check(input);
    if (!checked.values) throw validationFailed(checked.errors);
    return checked.values;
  }

  private check(input: CompanyInput): { values: CompanyValues; errors: [] } | { values: null; errors: FieldError[] } {
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
    if (!name.ok || !siret.ok || !address.ok) return { values: null, errors };
    return {
      errors: [],
      values: {
        name: name.value,
        siret: siret.siret,
        addressLine1: address.value.line1,
        addressLine2: address.value.line2 ?? null,
        postalCode: address.value.postalCode,
        city: address.value.city,
        country: address.value.country,
      },
    };
  }

  /** The first administrator, with the rules of a team invitation row; errors under `firstAdmin.`. */
  private checkFirstAdmin(person: FirstAdminInput): { row: ValidRow; errors: [] } | { row: null; errors: FieldError[] } {
    const checked = validateInvitationRow({ ...person, scopes: ['ADMIN'], contactFor: [] });
    if (checked.ok) return { row: checked.row, errors: [] };
    return { row: null, errors: checked.errors.map((e) => ({ ...e, field: `${FIRST_ADMIN_FIELD}.${e.field}` })) };
  }

  private siretTaken(): DomainError {
    return new DomainError('CONFLICT', 'A company with this SIRET already exists.', [], { field: 'siret' });
  }

  /**
   * Creates a company and invites its first administrator (scopes [ADMIN]) in the same
   * transaction, with the rules, email and journal entries of a team invitation; the inviter is the
   * staff member. Every field error (company and `firstAdmin.*`) comes back at once, and then
   * nothing is written.
   */
  async create(ctx: ServiceContext, input: NewCompanyInput): Promise<{ company: CompanyEntity; invitation: InvitationEntity }> {
    const actor = actorIn(ctx);
    const now = ctx.now;
    const checked = this.check(input);
    const firstAdmin = this.checkFirstAdmin(input.firstAdmin);
    if (!checked.values || !firstAdmin.row) throw validationFailed([...checked.errors, ...firstAdmin.errors]);
    const values = checked.values;
    const admin = firstAdmin.row;
    const company: CompanyEntity = { id: newId(now.getTime()), ...values, createdAt: now, updatedAt: now };
    try {
      const invitation = await withTransaction(this.ds, ctx, async (tx) => {
        const { em } = tx;
        if (await em.exists(CompanyEntity, { where: { siret: values.siret } })) throw this.siretTaken();
        await em.insert(CompanyEntity, company);
        await this.activity.record(
          em,
          {
            companyId: company.id,
            actorUserId: actor.userId,
            actorApiTokenId: actor.apiTokenId,
            action: 'company.created',
            targetType: 'company',
            targetId: company.id,
            details: { name: company.name, siret: company.siret },
            ip: actor.ip,
          },
          now,
        );
        return this.team.inviteOne(tx, company.id, admin, `${FIRST_ADMIN_FIELD}.`);
      });
      return { company, invitation };
    } catch (error) {
      if (isUniqueViolation(error)) throw this.siretTaken();
      throw error;
    }
  }

  // ───────────────────────────── first administrator ─────────────────────────────

  /** For each company: whether it has an active administrator, else its pending administrator invitation (two queries). */
  async firstAdminStates(ctx: ServiceContext, companyIds: readonly string[]): Promise<Map<string, FirstAdminState>> {
    const em = this.reader(ctx);
    const ids = [...new Set(companyIds)];
    const states = new Map<string, FirstAdminState>(ids.map((id) => [id, { hasAdministrator: false, pendingInvitation: null }]));
    if (ids.length === 0) return states;
    const administered: { companyId: string }[] = await em
      .getRepository(MembershipEntity)
      .createQueryBuilder('m')
      .select('m.company_id', 'companyId')
      .distinct(true)
      .where('m.company_id IN (:...ids)', { ids })
      .andWhere("m.status = 'ACTIVE'")
      .andWhere("m.scopes LIKE '%ADMIN%'")
      .getRawMany();
    for (const { companyId } of administered) states.set(companyId, { hasAdministrator: true, pendingInvitation: null });
    const open = ids.filter((id) => !states.get(id)?.hasAdministrator);
    if (open.length === 0) return states;
    const pending = await em.find(InvitationEntity, {
      where: { companyId: In(open), status: 'PENDING' },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    for (const inv of pending) {
      const state = states.get(inv.companyId);
      if (state && !state.pendingInvitation && inv.scopes.includes('ADMIN')) state.pendingInvitation = inv;
    }
    return states;
  }

  /** Locks the company row (as every team change does) and refuses once an administrator is active. */
  private async lockWithoutAdministrator(tx: TransactionalContext, companyId: string): Promise<FirstAdminState> {
    await this.team.lockCompany(tx, companyId);
    const state = (await this.firstAdminStates(tx, [companyId])).get(companyId);
    if (!state || state.hasAdministrator) {
      throw new DomainError('CONFLICT', 'This company already has an active administrator: its administrators manage its team.');
    }
    return state;
  }

  /** While the company has no active administrator: emails a new link to the pending first administrator and voids the old one. */
  async resendFirstAdminInvitation(ctx: ServiceContext, companyId: string): Promise<CompanyEntity> {
    return withTransaction(this.ds, ctx, async (tx) => {
      const state = await this.lockWithoutAdministrator(tx, companyId);
      if (!state.pendingInvitation) {
        throw new DomainError('NOT_FOUND', 'This company has no pending administrator invitation: invite one with replaceFirstAdmin.', [], {
          resource: 'Invitation',
        });
      }
      await this.team.resend(tx, companyId, state.pendingInvitation.id);
      return tx.em.findOneByOrFail(CompanyEntity, { id: companyId });
    });
  }

  /** While the company has no active administrator: withdraws the pending administrator invitation(s) and invites `person` instead. */
  async replaceFirstAdmin(ctx: ServiceContext, companyId: string, person: FirstAdminInput): Promise<CompanyEntity> {
    const firstAdmin = this.checkFirstAdmin(person);
    if (!firstAdmin.row) throw validationFailed(firstAdmin.errors);
    const admin = firstAdmin.row;
    return withTransaction(this.ds, ctx, async (tx) => {
      const { em } = tx;
      await this.lockWithoutAdministrator(tx, companyId);
      const pending = await em.find(InvitationEntity, { where: { companyId, status: 'PENDING' }, order: { createdAt: 'ASC', id: 'ASC' } });
      for (const inv of pending.filter((i) => i.scopes.includes('ADMIN'))) {
        await this.team.revoke(tx, companyId, inv.id);
      }
      await this.team.inviteOne(tx, companyId, admin, `${FIRST_ADMIN_FIELD}.`);
      return em.findOneByOrFail(CompanyEntity, { id: companyId });
    });
  }

  async update(ctx: ServiceContext, companyId: string, input: CompanyInput): Promise<CompanyEntity> {
    const actor = actorIn(ctx);
    const values = this.validate(input);
    try {
      return await withTransaction(this.ds, ctx, async ({ em, now }) => {
        const existing = await em.findOne(CompanyEntity, { where: { id: companyId } });
        if (!existing) throw new DomainError('NOT_FOUND', 'Company not found, or you do not have access to it.');
        const clash = await em.findOne(CompanyEntity, { where: { siret: values.siret } });
        if (clash && clash.id !== companyId) throw this.siretTaken();
        await em.update(CompanyEntity, { id: companyId }, { ...values, updatedAt: now });
        await this.activity.record(
          em,
          {
            companyId,
            actorUserId: actor.userId,
            actorApiTokenId: actor.apiTokenId,
            action: 'company.updated',
            targetType: 'company',
            targetId: companyId,
            ip: actor.ip,
          },
          now,
        );
        return { ...existing, ...values, updatedAt: now };
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw this.siretTaken();
      throw error;
    }
  }

  findById(ctx: ServiceContext, id: string): Promise<CompanyEntity | null> {
    return this.reader(ctx).getRepository(CompanyEntity).findOne({ where: { id } });
  }

  /** Newest first, keyset on (created_at, id). Search matches the name or the SIRET. */
  async list(
    ctx: ServiceContext,
    first: number,
    after: string | null | undefined,
    search: string | null | undefined,
  ): Promise<{ rows: CompanyEntity[]; hasNextPage: boolean; cursorOf: (c: CompanyEntity) => string }> {
    const qb = this.reader(ctx).getRepository(CompanyEntity).createQueryBuilder('c');
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
      const position = decodeKeysetCursor(after);
      const at = dbDate(this.ds.options.type, position.at);
      qb.andWhere(
        new Brackets((w) => w.where('c.created_at < :at', { at }).orWhere('c.created_at = :at AND c.id < :id', { at, id: position.id })),
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
