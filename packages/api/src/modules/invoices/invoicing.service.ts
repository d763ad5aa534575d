import type { DataSource, EntityManager } from 'typeorm';
import { DomainError, notFound } from '../../common/domain-error';
import { isId, newId } from '../../common/ids';
import { isUniqueViolation } from '../../db/errors';
import type { ServiceContext } from '../../db/with-transaction';
import { isStorageUnavailable, STORAGE_UNAVAILABLE_MESSAGE } from '../../storage/storage';
import type { ActivityService } from '../activity/activity.service';
import { CompanyEntity } from '../companies/company.entity';
import { monthDays, monthLabelFr, monthOf } from './calendar';
import type { InvoiceLineInput, InvoiceTotals } from './facturx';
import type { InvoiceRow } from './invoices.queries';
import type { InvoicesService, IssueOptions } from './invoices.service';
import { checkPlan, checkRunPeriod } from './invoices.validation';
import { loadPlans, toPlanRow, type PlanRow } from './invoices.loader';
import { InvoicePlanEntity, type PlanPeriod } from './plan.entity';

export type { PlanRow };

export interface PlanInput {
  label: string;
  period: string;
  priceCents: number;
  vatRate: string;
  exemptionReason?: string | null;
}

export interface PlanUpdate {
  label?: string | null;
  period?: string | null;
  priceCents?: number | null;
  vatRate?: string | null;
  exemptionReason?: string | null;
  active?: boolean | null;
}

export type RunOutcome = 'BILLED' | 'WOULD_BILL' | 'ALREADY_BILLED' | 'FAILED';

export interface RunItem {
  companyId: string;
  companyName: string;
  planLabel: string;
  /** `2026-03` or `2026`: what the invoice covers. */
  billingPeriod: string;
  outcome: RunOutcome;
  /** What is (or would be) billed. */
  netCents: number | null;
  vatCents: number | null;
  grossCents: number | null;
  invoice: InvoiceRow | null;
  /** Why the company could not be billed (FAILED). */
  errorCode: string | null;
  error: string | null;
}

export interface RunResult {
  period: string;
  dryRun: boolean;
  items: RunItem[];
  /** Companies left to bill beyond this call's batch (call again: a run never bills twice). */
  remaining: number;
}

/** Companies billed by one call; the rest are billed by the next call (or the next tick of the job). */
export const RUN_BATCH = 200;

/** The key an invoice of the run carries for a plan: the month for a monthly plan, the year for a yearly one. */
export const billingPeriodOf = (plan: Pick<PlanRow, 'period'>, month: string): string =>
  plan.period === 'MONTHLY' ? month : month.slice(0, 4);

/** The one line of a plan's invoice and the period it covers. */
export function planInvoice(plan: Pick<PlanRow, 'label' | 'period' | 'priceCents' | 'vatRate' | 'exemptionReason'>, month: string) {
  const yearly = plan.period === 'YEARLY';
  const year = month.slice(0, 4);
  const period = yearly ? { start: `${year}-01-01`, end: `${year}-12-31` } : monthDays(month);
  const label = `${plan.label} — ${yearly ? `année ${year}` : monthLabelFr(month)}`;
  const line: InvoiceLineInput = {
    label,
    quantity: '1',
    unitPriceCents: plan.priceCents,
    vatRate: plan.vatRate as InvoiceLineInput['vatRate'],
    ...(plan.exemptionReason ? { exemptionReason: plan.exemptionReason } : {}),
  };
  return { label, line, period };
}

/**
 * Subscriptions and the invoicing run: one invoice per company and period, exactly one even when
 * two runs go at once or a run is repeated after a crash. Each company is billed in a transaction
 * of its own that first locks its plan (the claim), then looks for the period's invoice; the unique
 * (company_id, billing_period) index is the last guard.
 */
export class InvoicingService {
  constructor(
    private readonly ds: DataSource,
    private readonly invoices: InvoicesService,
    private readonly activity: ActivityService,
  ) {}

  private get kind(): string {
    return this.ds.options.type;
  }

  private reader(ctx: ServiceContext): EntityManager {
    return ctx.em ?? this.ds.manager;
  }

  // ---------------------------------------------------------------- plans

  /** The plans of many companies, by company id. */
  plansOf(ctx: ServiceContext, companyIds: readonly string[]): Promise<Map<string, PlanRow>> {
    return loadPlans(this.reader(ctx), companyIds);
  }

  private planConflict(): DomainError {
    return new DomainError('CONFLICT', 'This company already has a plan: change it with updatePlan.', [], { resource: 'Plan' });
  }

  /** A company's subscription. A company has one plan at most: a second is a CONFLICT. */
  async setPlan(ctx: ServiceContext, companyId: string, input: PlanInput): Promise<PlanRow> {
    const values = checkPlan(input);
    if (!isId(companyId)) throw notFound('Company');
    try {
      return await this.invoices.transaction(ctx, async (tx) => {
        if (!(await tx.em.exists(CompanyEntity, { where: { id: companyId } }))) throw notFound('Company');
        if (await tx.em.exists(InvoicePlanEntity, { where: { companyId } })) throw this.planConflict();
        const plan: InvoicePlanEntity = {
          id: newId(tx.now.getTime()),
          companyId,
          ...values,
          active: true,
          createdById: tx.actor?.userId ?? null,
          createdAt: tx.now,
          updatedAt: tx.now,
        };
        await tx.em.insert(InvoicePlanEntity, plan);
        await this.journal(tx.em, tx, companyId, 'invoice.plan_set', plan);
        return toPlanRow(plan);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw this.planConflict();
      throw error;
    }
  }

  /** Changes a plan for the periods not billed yet (issued invoices never change). */
  async updatePlan(ctx: ServiceContext, companyId: string, update: PlanUpdate): Promise<PlanRow> {
    if (!isId(companyId)) throw notFound('Company');
    return this.invoices.transaction(ctx, async (tx) => {
      const plan = await tx.em.findOne(InvoicePlanEntity, { where: { companyId } });
      if (!plan) throw notFound('Plan');
      const values = checkPlan({
        label: update.label ?? plan.label,
        period: update.period ?? plan.period,
        priceCents: update.priceCents ?? plan.priceCents,
        vatRate: update.vatRate ?? plan.vatRate,
        exemptionReason: update.exemptionReason !== undefined ? update.exemptionReason : plan.exemptionReason,
      });
      const changed: InvoicePlanEntity = { ...plan, ...values, active: update.active ?? Boolean(plan.active), updatedAt: tx.now };
      await tx.em.update(InvoicePlanEntity, { id: plan.id }, { ...values, active: changed.active, updatedAt: tx.now });
      await this.journal(tx.em, tx, companyId, 'invoice.plan_updated', changed);
      return toPlanRow(changed);
    });
  }

  private journal(em: EntityManager, ctx: ServiceContext, companyId: string, action: string, plan: InvoicePlanEntity): Promise<void> {
    return this.activity.record(
      em,
      {
        companyId,
        actorUserId: ctx.actor?.userId ?? null,
        actorApiTokenId: ctx.actor?.apiTokenId ?? null,
        action,
        targetType: 'plan',
        targetId: plan.id,
        details: {
          label: plan.label,
          period: plan.period,
          priceCents: plan.priceCents,
          vatRate: plan.vatRate,
          active: Boolean(plan.active),
        },
        ip: ctx.ip ?? null,
      },
      ctx.now,
    );
  }

  // ---------------------------------------------------------------- the run

  /**
   * Bills every active plan for `period` (`YYYY-MM`; a yearly plan is billed once for the year),
   * or with `dryRun` says who would be billed what without changing anything. At most RUN_BATCH
   * companies are billed per call; `remaining` says how many are left.
   */
  async run(
    ctx: ServiceContext,
    period: string,
    options: { dryRun: boolean; notify?: boolean; missingOnly?: boolean },
  ): Promise<RunResult> {
    const month = checkRunPeriod(period, ctx.now);
    const candidates: {
      plan_id: string;
      company_id: string;
      company_name: string;
      label: string;
      period: PlanPeriod;
      price_cents: number | string;
      vat_rate: string;
      exemption_reason: string | null;
      invoice_id: string | null;
    }[] = await this.reader(ctx).query(
      `SELECT p.id AS plan_id, p.company_id, c.name AS company_name, p.label, p.period, p.price_cents, p.vat_rate, p.exemption_reason,
              i.id AS invoice_id
         FROM invoice_plans p
         JOIN companies c ON c.id = p.company_id
         LEFT JOIN invoices i ON i.company_id = p.company_id
              AND i.billing_period = CASE WHEN p.period = 'MONTHLY' THEN ? ELSE ? END
        WHERE p.active = 1${options.missingOnly ? ' AND i.id IS NULL' : ''}
        ORDER BY c.name, p.company_id`,
      [month, month.slice(0, 4)],
    );
    const billed = new Map(
      (
        await this.invoices.byIds(
          ctx,
          candidates.flatMap((c) => (c.invoice_id ? [c.invoice_id] : [])),
        )
      ).map((r) => [r.id, r]),
    );
    const companies = new Map(
      (
        await this.companiesOf(
          ctx,
          candidates.filter((c) => !c.invoice_id).map((c) => c.company_id),
        )
      ).map((c) => [c.id, c]),
    );
    const items: RunItem[] = [];
    let remaining = 0;
    let attempted = 0;
    for (const c of candidates) {
      const plan = {
        label: c.label,
        period: c.period,
        priceCents: Number(c.price_cents),
        vatRate: c.vat_rate,
        exemptionReason: c.exemption_reason,
      };
      const base = {
        companyId: c.company_id,
        companyName: c.company_name,
        planLabel: c.label,
        billingPeriod: billingPeriodOf(plan, month),
      };
      const existing = c.invoice_id ? (billed.get(c.invoice_id) ?? null) : null;
      if (existing) {
        items.push({ ...base, ...amounts(existing), outcome: 'ALREADY_BILLED', invoice: existing, errorCode: null, error: null });
        continue;
      }
      const company = companies.get(c.company_id);
      if (!company) continue;
      if (options.dryRun) {
        items.push(this.dryRunItem(ctx, base, company, plan, month));
        continue;
      }
      if (attempted >= RUN_BATCH) {
        remaining += 1;
        continue;
      }
      attempted += 1;
      items.push(await this.billOne(ctx, base, c.plan_id, month, { notify: options.notify ?? true }));
    }
    return { period: month, dryRun: options.dryRun, items, remaining };
  }

  /**
   * The scheduled run: the current month, every few minutes in each instance (idempotent: it bills
   * what is missing, and reads only the plans whose period has no invoice yet).
   */
  runScheduled(ctx: ServiceContext): Promise<RunResult> {
    return this.run(ctx, monthOf(ctx.now), { dryRun: false, missingOnly: true });
  }

  private async companiesOf(ctx: ServiceContext, ids: string[]): Promise<CompanyEntity[]> {
    const out: CompanyEntity[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      out.push(
        ...(await this.reader(ctx)
          .getRepository(CompanyEntity)
          .createQueryBuilder('c')
          .where('c.id IN (:...ids)', { ids: chunk })
          .getMany()),
      );
    }
    return out;
  }

  private dryRunItem(
    ctx: ServiceContext,
    base: Pick<RunItem, 'companyId' | 'companyName' | 'planLabel' | 'billingPeriod'>,
    company: CompanyEntity,
    plan: Parameters<typeof planInvoice>[0],
    month: string,
  ): RunItem {
    const { label, line, period } = planInvoice(plan, month);
    try {
      const totals = this.invoices.preview(ctx, {
        company,
        kind: 'INVOICE',
        lines: [line],
        periodStart: period.start,
        periodEnd: period.end,
        dueDate: null,
        label,
        note: null,
        credited: null,
      });
      return { ...base, ...totalsOf(totals), outcome: 'WOULD_BILL', invoice: null, errorCode: null, error: null };
    } catch (error) {
      return { ...base, ...failure(error), outcome: 'FAILED', invoice: null, netCents: null, vatCents: null, grossCents: null };
    }
  }

  /** Bills one company for the month, in a transaction of its own; its failure does not stop the run. */
  private async billOne(
    ctx: ServiceContext,
    base: Pick<RunItem, 'companyId' | 'companyName' | 'planLabel' | 'billingPeriod'>,
    planId: string,
    month: string,
    options: IssueOptions,
  ): Promise<RunItem> {
    try {
      const outcome = await this.billPlan(ctx, planId, month, options);
      if (!outcome)
        return {
          ...base,
          outcome: 'FAILED',
          invoice: null,
          netCents: null,
          vatCents: null,
          grossCents: null,
          errorCode: 'NOT_FOUND',
          error: 'The plan was removed or deactivated meanwhile.',
        };
      return {
        ...base,
        ...amounts(outcome.invoice),
        outcome: outcome.billed ? 'BILLED' : 'ALREADY_BILLED',
        invoice: outcome.invoice,
        errorCode: null,
        error: null,
      };
    } catch (error) {
      return { ...base, ...failure(error), outcome: 'FAILED', invoice: null, netCents: null, vatCents: null, grossCents: null };
    }
  }

  /**
   * The claim: the plan's row is locked first (a second run waits here, then finds the invoice);
   * the period's invoice is looked for after the lock, and issued when there is none.
   */
  async billPlan(
    ctx: ServiceContext,
    planId: string,
    month: string,
    options: IssueOptions = { notify: true },
  ): Promise<{ invoice: InvoiceRow; billed: boolean } | null> {
    try {
      return await this.invoices.withIssuing(ctx, async (tx, stored) => {
        const lock = this.kind === 'mysql' ? ' FOR UPDATE' : '';
        const plans: {
          company_id: string;
          label: string;
          period: PlanPeriod;
          price_cents: number | string;
          vat_rate: string;
          exemption_reason: string | null;
          active: number | boolean;
        }[] = await tx.em.query(
          `SELECT company_id, label, period, price_cents, vat_rate, exemption_reason, active FROM invoice_plans WHERE id = ?${lock}`,
          [planId],
        );
        const p = plans[0];
        if (!p || !Number(p.active)) return null;
        const plan = {
          label: p.label,
          period: p.period,
          priceCents: Number(p.price_cents),
          vatRate: p.vat_rate,
          exemptionReason: p.exemption_reason,
        };
        const billingPeriod = billingPeriodOf(plan, month);
        const existing: { id: string }[] = await tx.em.query('SELECT id FROM invoices WHERE company_id = ? AND billing_period = ?', [
          p.company_id,
          billingPeriod,
        ]);
        if (existing[0]) {
          const invoice = (await this.invoices.byIds(tx, [existing[0].id]))[0];
          return invoice ? { invoice, billed: false } : null;
        }
        const company = await tx.em.findOne(CompanyEntity, { where: { id: p.company_id } });
        if (!company) return null;
        const { label, line, period } = planInvoice(plan, month);
        const invoice = await this.invoices.issueIn(
          tx,
          {
            company,
            kind: 'INVOICE',
            lines: [line],
            periodStart: period.start,
            periodEnd: period.end,
            dueDate: null,
            label,
            note: null,
            credited: null,
            billingPeriod,
          },
          stored,
          options,
        );
        return { invoice, billed: true };
      });
    } catch (error) {
      // Another instance billed the period between our look and our insert: the unique key held.
      if (!isUniqueViolation(error)) throw error;
      const rows: { id: string }[] = await this.reader(ctx).query(
        'SELECT i.id FROM invoices i JOIN invoice_plans p ON p.company_id = i.company_id WHERE p.id = ? AND i.billing_period IN (?, ?)',
        [planId, month, month.slice(0, 4)],
      );
      const invoice = rows[0] ? (await this.invoices.byIds(ctx, [rows[0].id]))[0] : undefined;
      if (!invoice) throw error;
      return { invoice, billed: false };
    }
  }
}

const amounts = (r: InvoiceRow): Pick<RunItem, 'netCents' | 'vatCents' | 'grossCents'> => ({
  netCents: r.netCents,
  vatCents: r.vatCents,
  grossCents: r.grossCents,
});

const totalsOf = (t: InvoiceTotals): Pick<RunItem, 'netCents' | 'vatCents' | 'grossCents'> => ({
  netCents: t.taxBasisTotalCents,
  vatCents: t.vatTotalCents,
  grossCents: t.grandTotalCents,
});

function failure(error: unknown): Pick<RunItem, 'errorCode' | 'error'> {
  if (error instanceof DomainError) return { errorCode: error.code, error: error.message };
  if (isStorageUnavailable(error)) return { errorCode: 'STORAGE_UNAVAILABLE', error: STORAGE_UNAVAILABLE_MESSAGE };
  return { errorCode: 'INTERNAL_SERVER_ERROR', error: error instanceof Error ? error.message : String(error) };
}
