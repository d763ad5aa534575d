import { codesOf, startTestApp, type Client, type TestApp } from '../../../../test/harness';
import type { FileStorage } from '../../../storage/storage';
import { callContext } from '../../mail/__tests__/mail-test-helpers';
import { addMonths, monthOf } from '../calendar';
import { InvoicesService } from '../invoices.service';
import { InvoicingService } from '../invoicing.service';
import { createCompany, fieldsOf, footprint, storedInvoiceFiles, userId, validSiret } from './invoice-test-helpers';

const SET_PLAN = `mutation($c: ID!, $i: PlanInput!) { setPlan(companyId: $c, input: $i) { id label period priceCents vatRate active } }`;
const UPDATE_PLAN = `mutation($c: ID!, $i: PlanUpdateInput!) { updatePlan(companyId: $c, input: $i) { id priceCents active } }`;
const RUN = `mutation($p: String!, $d: Boolean!) { runInvoicing(period: $p, dryRun: $d) {
  period dryRun remaining items { companyId companyName planLabel billingPeriod outcome netCents vatCents grossCents errorCode error
  invoice { id number billingPeriod periodStart periodEnd grossCents lines { label } } } } }`;

interface RunItem {
  companyId: string;
  companyName: string;
  billingPeriod: string;
  outcome: string;
  grossCents: number | null;
  error: string | null;
  invoice: {
    id: string;
    number: string;
    billingPeriod: string;
    periodStart: string;
    periodEnd: string;
    grossCents: number;
    lines: { label: string }[];
  } | null;
}
interface RunResult {
  runInvoicing: { period: string; dryRun: boolean; remaining: number; items: RunItem[] };
}

describe('plans and the invoicing run', () => {
  let app: TestApp;
  let olivia: Client;
  let demoId: string;
  const month = monthOf(new Date());
  const companies: string[] = [];

  const run = async (period: string, dryRun: boolean): Promise<RunResult['runInvoicing']> => {
    const res = await olivia.gql<RunResult>(RUN, { p: period, d: dryRun });
    if (!res.data?.runInvoicing) throw new Error(JSON.stringify(res.errors));
    return res.data.runInvoicing;
  };
  const invoicesOf = async (companyId: string, billingPeriod: string): Promise<number> => {
    const rows: { n: number | string }[] = await app.db.ds.query(
      'SELECT COUNT(*) AS n FROM invoices WHERE company_id = ? AND billing_period = ?',
      [companyId, billingPeriod],
    );
    return Number(rows[0]?.n);
  };
  const numbersOfSeries = async (series: string): Promise<number[]> =>
    (
      (await app.db.ds.query('SELECT sequence_number FROM invoices WHERE series = ? ORDER BY sequence_number', [series])) as {
        sequence_number: number | string;
      }[]
    ).map((r) => Number(r.sequence_number));

  beforeAll(async () => {
    // The demo's year of invoices: Demo SAS has a monthly plan, billed up to this month.
    app = await startTestApp({}, { invoices: true });
    olivia = await app.as('olivia');
    demoId = await app.companyId('Demo SAS');
    for (let i = 0; i < 3; i += 1) {
      const id = await createCompany(olivia, `Abonnée ${i} SAS`, validSiret(8100000 + i));
      companies.push(id);
      const res = await olivia.gql(SET_PLAN, {
        c: id,
        i: { label: 'Domiciliation', period: i === 2 ? 'YEARLY' : 'MONTHLY', priceCents: i === 2 ? 50000 : 3000 + i, vatRate: '20' },
      });
      expect(res.errors).toBeUndefined();
    }
  });
  afterAll(async () => app.close());

  describe('plans', () => {
    it('refuse a second plan for a company: CONFLICT, nothing changes', async () => {
      const before = await footprint(app);
      const res = await olivia.gql(SET_PLAN, {
        c: demoId,
        i: { label: 'Autre offre', period: 'MONTHLY', priceCents: 1000, vatRate: '20' },
      });
      expect(codesOf(res)).toEqual(['CONFLICT']);
      expect(await footprint(app)).toEqual(before);
    });

    it('check their values, every field at once', async () => {
      const autreId = await app.companyId('Autre SARL');
      const res = await olivia.gql(SET_PLAN, { c: autreId, i: { label: ' ', period: 'MONTHLY', priceCents: -5, vatRate: '0' } });
      expect(fieldsOf(res)).toEqual([
        'label:INVOICE_LABEL_REQUIRED',
        'priceCents:INVOICE_UNIT_PRICE_INVALID',
        'exemptionReason:INVOICE_EXEMPTION_REASON_REQUIRED',
      ]);
      expect(codesOf(await olivia.gql(UPDATE_PLAN, { c: autreId, i: { priceCents: 100 } }))).toEqual(['NOT_FOUND']);
    });

    it('show on the operator’s company list, one statement for the page', async () => {
      const res = await olivia.gql<{
        companies: { edges: { node: { name: string; plan: { label: string; priceCents: number } | null } }[] };
      }>('query { companies(first: 20) { edges { node { name plan { label priceCents period } } } } }');
      const plans = new Map(res.data?.companies.edges.map((e) => [e.node.name, e.node.plan]));
      expect(plans.get('Demo SAS')).toMatchObject({ priceCents: 4900 });
      expect(plans.get('Autre SARL')).toBeNull();
      expect(plans.get('Abonnée 0 SAS')).toMatchObject({ label: 'Domiciliation', priceCents: 3000 });
    });
  });

  describe('the run', () => {
    it('refuses a malformed period, or one in the future or more than a year back', async () => {
      for (const [period, code] of [
        ['2026-13', 'INVOICING_PERIOD_INVALID'],
        ['mars', 'INVOICING_PERIOD_INVALID'],
        [addMonths(month, 1), 'INVOICING_PERIOD_OUT_OF_RANGE'],
        [addMonths(month, -13), 'INVOICING_PERIOD_OUT_OF_RANGE'],
      ]) {
        expect(fieldsOf(await olivia.gql(RUN, { p: period, d: true }))).toEqual([`period:${code}`]);
      }
    });

    it('previews, with dryRun, who would be billed what, and changes nothing', async () => {
      const before = await footprint(app);
      const preview = await run(month, true);
      expect(preview.dryRun).toBe(true);
      const byCompany = new Map(preview.items.map((i) => [i.companyId, i]));
      expect(byCompany.get(demoId)).toMatchObject({ outcome: 'ALREADY_BILLED', billingPeriod: month, grossCents: 5880 });
      expect(byCompany.get(companies[0] as string)).toMatchObject({
        outcome: 'WOULD_BILL',
        billingPeriod: month,
        grossCents: 3600,
        invoice: null,
      });
      expect(byCompany.get(companies[2] as string)).toMatchObject({
        outcome: 'WOULD_BILL',
        billingPeriod: month.slice(0, 4),
        grossCents: 60000,
      });
      expect(await footprint(app)).toEqual(before);
    });

    it('bills each company exactly once, even when two runs go at once', async () => {
      const [a, b] = await Promise.all([run(month, false), run(month, false)]);
      const outcomes = [...a.items, ...b.items].filter((i) => companies.includes(i.companyId));
      expect(outcomes.filter((i) => i.outcome === 'BILLED')).toHaveLength(3);
      expect(outcomes.filter((i) => i.outcome === 'ALREADY_BILLED')).toHaveLength(3);
      for (const [i, id] of companies.entries()) expect(await invoicesOf(id, i === 2 ? month.slice(0, 4) : month)).toBe(1);
      expect(await invoicesOf(demoId, month)).toBe(1);
      const yearly = outcomes.find((i) => i.companyId === companies[2] && i.outcome === 'BILLED')?.invoice;
      expect(yearly).toMatchObject({
        billingPeriod: month.slice(0, 4),
        periodStart: `${month.slice(0, 4)}-01-01`,
        periodEnd: `${month.slice(0, 4)}-12-31`,
      });
      expect(yearly?.lines[0]?.label).toBe(`Domiciliation — année ${month.slice(0, 4)}`);
      // Gap-free series, whatever the interleaving.
      const numbers = await numbersOfSeries(`F${new Date().toISOString().slice(0, 4)}`);
      expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    });

    it('bills the rest, once, when run again after a crash halfway', async () => {
      const previous = addMonths(month, -1);
      const olivias = await userId(app, 'olivia.robert@domicile-pro.fr');
      const real = app.server.services.storage;
      let puts = 0;
      // The process "dies" while storing the third document of the run: the first company is billed
      // and committed, the second's transaction rolls back, the run stops there.
      const crashing: FileStorage = {
        put: async (key, content) => {
          puts += 1;
          if (puts === 3) throw new Error('killed');
          return real.put(key, content);
        },
        get: (key) => real.get(key),
        getVerified: (key, sha) => real.getVerified(key, sha),
        delete: (key) => real.delete(key),
        exists: (key) => real.exists(key),
      };
      const env = app.env;
      const invoices = new InvoicesService(
        app.db.ds,
        { publicUrl: env.publicUrl, seller: env.seller, paymentDays: env.INVOICE_PAYMENT_DAYS },
        crashing,
        app.server.services.activity,
        app.server.services.outbox,
      );
      const crashed = await new InvoicingService(app.db.ds, invoices, app.server.services.activity).run(
        callContext(new Date(), { userId: olivias, ip: null }),
        previous,
        { dryRun: false },
      );
      const mine = crashed.items.filter((i) => companies.includes(i.companyId));
      expect(mine.map((i) => i.outcome)).toEqual(['BILLED', 'FAILED', 'ALREADY_BILLED']);
      const files = storedInvoiceFiles(app).length;

      const again = await run(previous, false);
      const after = again.items.filter((i) => companies.includes(i.companyId));
      expect(after.map((i) => i.outcome)).toEqual(['ALREADY_BILLED', 'BILLED', 'ALREADY_BILLED']);
      expect(await invoicesOf(companies[0] as string, previous)).toBe(1);
      expect(await invoicesOf(companies[1] as string, previous)).toBe(1);
      expect(storedInvoiceFiles(app).length).toBe(files + 2);
      const numbers = await numbersOfSeries(`F${new Date().toISOString().slice(0, 4)}`);
      expect(numbers).toEqual(numbers.map((_, i) => i + 1));
      // Run a third time: nothing more.
      expect((await run(previous, false)).items.filter((i) => i.outcome === 'BILLED')).toEqual([]);
    });

    it('skips a deactivated plan, and bills the new price from the next period', async () => {
      const id = companies[0] as string;
      expect((await olivia.gql(UPDATE_PLAN, { c: id, i: { active: false } })).errors).toBeUndefined();
      const preview = await run(addMonths(month, -2), true);
      expect(preview.items.map((i) => i.companyId)).not.toContain(id);
      const res = await olivia.gql<{ updatePlan: { priceCents: number; active: boolean } }>(UPDATE_PLAN, {
        c: id,
        i: { active: true, priceCents: 4000 },
      });
      expect(res.data?.updatePlan).toMatchObject({ priceCents: 4000, active: true });
      const item = (await run(addMonths(month, -2), true)).items.find((i) => i.companyId === id);
      expect(item).toMatchObject({ outcome: 'WOULD_BILL', grossCents: 4800 });
      // What was billed before stays as it was.
      const billed = (await run(month, true)).items.find((i) => i.companyId === id);
      expect(billed).toMatchObject({ outcome: 'ALREADY_BILLED', grossCents: 3600 });
    });

    it('reports a company it cannot bill, and bills the others', async () => {
      const broken = await createCompany(olivia, 'Siret Douteux SARL', '91234567800011');
      await olivia.gql(SET_PLAN, { c: broken, i: { label: 'Domiciliation', period: 'MONTHLY', priceCents: 3000, vatRate: '20' } });
      const result = await run(month, false);
      const item = result.items.find((i) => i.companyId === broken);
      expect(item).toMatchObject({ outcome: 'FAILED' });
      expect(item?.error).toContain('INVOICE_SIREN_INVALID');
      expect(await invoicesOf(broken, month)).toBe(0);
    });

    it('is the scheduled job’s work: the current month, what is missing only', async () => {
      const id = await createCompany(olivia, 'Nouvelle Cliente SAS', validSiret(8200000));
      await olivia.gql(SET_PLAN, { c: id, i: { label: 'Domiciliation', period: 'MONTHLY', priceCents: 2500, vatRate: '20' } });
      const job = await app.server.services.invoicing.runScheduled(callContext());
      expect(job.items.filter((i) => i.outcome === 'BILLED').map((i) => i.companyId)).toEqual([id]);
      expect(await invoicesOf(id, month)).toBe(1);
    });
  });
});
