import type { DataSource } from 'typeorm';
import type { Env } from './config/env';
import { memoryLimits, type Counter, type Limits } from './common/limits';
import { DeferredRequests } from './modules/deferred/deferred.service';
import type { CostBudget } from './graphql/cost-budget';
import { ApiTokenService } from './modules/api-tokens/api-tokens.service';
import { ActivityService } from './modules/activity/activity.service';
import { AuthService } from './modules/auth/auth.service';
import { CompanyService } from './modules/companies/company.service';
import { FormalitiesService } from './modules/formalities/formalities.service';
import { FormalityReminders } from './modules/formalities/formality-reminders';
import { ForwardingService } from './modules/mail/forwarding.service';
import { MailFilesService } from './modules/mail/mail-files.service';
import { MailService } from './modules/mail/mail.service';
import { InvoiceFilesService } from './modules/invoices/invoice-files.service';
import { InvoicesService } from './modules/invoices/invoices.service';
import { InvoicingService } from './modules/invoices/invoicing.service';
import { OutboxService } from './modules/mailer/outbox.service';
import { SignaturesService } from './modules/signatures/signatures.service';
import { TeamService } from './modules/team/team.service';
import { createStorage } from './storage/create-storage';
import type { FileStorage } from './storage/storage';
import type { PrincipalSources } from './modules/identity/resolve-principal';

/** Business services, built once at start-up. They hold no per-request state. */
export interface Services {
  ds: DataSource;
  env: Env;
  activity: ActivityService;
  outbox: OutboxService;
  auth: AuthService;
  companies: CompanyService;
  team: TeamService;
  storage: FileStorage;
  mail: MailService;
  forwarding: ForwardingService;
  mailFiles: MailFilesService;
  invoices: InvoicesService;
  /** Plans and the invoicing run. */
  invoicing: InvoicingService;
  invoiceFiles: InvoiceFilesService;
  formalities: FormalitiesService;
  /** Due-date reminders of the formalities waiting for the client. */
  formalityReminders: FormalityReminders;
  /** Electronic signatures of delivered documents, their evidence and the sealed PDFs. */
  signatures: SignaturesService;
  apiTokens: ApiTokenService;
  /** The counters of every limit (memory, or Redis with REDIS_URL). */
  limits: Limits;
  /** Public requests carried out after their answer (deferred-worker.ts). */
  deferred: DeferredRequests;
  /** Requests per token per minute (API_TOKEN_REQUESTS_PER_MINUTE). */
  tokenLimiter: Counter;
  /** GraphQL query cost per token per minute (API_TOKEN_COST_PER_MINUTE), on the same counters. */
  tokenCostBudget: CostBudget;
}

/** `limits`: where the counters live (openLimits); default: this process's memory. */
export function createServices(ds: DataSource, env: Env, options: { limits?: Limits } = {}): Services {
  const limits = options.limits ?? memoryLimits(env.rateLimitPrefix);
  const deferred = new DeferredRequests(ds);
  const activity = new ActivityService(ds);
  const outbox = new OutboxService(ds);
  const auth = new AuthService(ds, env, activity, outbox, limits, deferred);
  const storage = createStorage(env.fileStorage);
  const apiTokens = new ApiTokenService(ds, activity);
  const mail = new MailService(ds, env, storage, activity, outbox);
  const invoices = new InvoicesService(
    ds,
    { publicUrl: env.publicUrl, seller: env.seller, paymentDays: env.INVOICE_PAYMENT_DAYS },
    storage,
    activity,
    outbox,
  );
  const team = new TeamService(ds, env, activity, outbox, auth, apiTokens, limits, deferred);
  const formalities = new FormalitiesService(ds, { publicUrl: env.publicUrl, fileUrlSecret: env.fileUrlSecret }, storage, outbox);
  const signatures = new SignaturesService(
    ds,
    {
      publicUrl: env.publicUrl,
      fileUrlSecret: env.fileUrlSecret,
      mailFrom: env.MAIL_FROM,
      operatorEmail: env.OPERATOR_EMAIL,
      operator: { name: env.seller.legalName, city: env.seller.address.city, email: env.OPERATOR_EMAIL },
      seal: { p12Path: env.SEAL_P12_PATH, passphrase: env.SEAL_P12_PASSPHRASE, dataDir: env.dataDir, organisation: env.seller.legalName },
      codesPerSignerPerHour: env.SIGNATURE_CODES_PER_SIGNER_PER_HOUR,
    },
    storage,
    outbox,
    formalities,
    activity,
    limits,
  );
  return {
    ds,
    env,
    activity,
    outbox,
    auth,
    companies: new CompanyService(ds, activity, team),
    team,
    storage,
    mail,
    forwarding: new ForwardingService(ds, activity),
    mailFiles: new MailFilesService(ds, env, storage, mail, activity),
    invoices,
    invoicing: new InvoicingService(ds, invoices, activity),
    invoiceFiles: new InvoiceFilesService(ds, env, storage, invoices, activity),
    formalities,
    formalityReminders: new FormalityReminders(ds, outbox, { publicUrl: env.publicUrl }),
    signatures,
    apiTokens,
    limits,
    deferred,
    tokenLimiter: limits.counter('token:requests', { points: env.API_TOKEN_REQUESTS_PER_MINUTE, durationSec: 60 }),
    tokenCostBudget: costBudgetOn(limits.counter('token:cost', { points: env.API_TOKEN_COST_PER_MINUTE, durationSec: 60 })),
  };
}

/** A cost budget on a counter: a request that does not fit spends nothing and learns when the window reopens. */
function costBudgetOn(counter: Counter): CostBudget {
  return {
    spend: async (key, cost) => {
      const hit = await counter.spend(key, Math.max(0, Math.ceil(cost)));
      return hit.allowed ? 0 : hit.retryAfter;
    },
  };
}

/** What resolving a request's principal needs, the same for GraphQL and the file routes. */
export function principalSources(services: Services): PrincipalSources {
  return {
    auth: services.auth,
    apiTokens: services.apiTokens,
    tokenLimiter: services.tokenLimiter,
    secureCookies: services.env.isProduction,
  };
}
