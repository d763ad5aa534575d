import type { DataSource } from 'typeorm';
import type { Env } from './config/env';
import { WindowLimiter } from './common/rate-limit';
import { ApiTokenService } from './modules/api-tokens/api-tokens.service';
import { ActivityService } from './modules/activity/activity.service';
import { AuthService } from './modules/auth/auth.service';
import { CompanyService } from './modules/companies/company.service';
import { ForwardingService } from './modules/mail/forwarding.service';
import { MailFilesService } from './modules/mail/mail-files.service';
import { MailService } from './modules/mail/mail.service';
import { OutboxService } from './modules/mailer/outbox.service';
import { TeamService } from './modules/team/team.service';
import { LocalFileStorage } from './storage/local-storage';
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
  apiTokens: ApiTokenService;
  /** Requests per token per minute, counted in this process. */
  tokenLimiter: WindowLimiter;
}

export function createServices(ds: DataSource, env: Env): Services {
  const activity = new ActivityService(ds);
  const outbox = new OutboxService(ds);
  const auth = new AuthService(ds, env, activity, outbox);
  const storage = new LocalFileStorage(env.filesDir);
  const apiTokens = new ApiTokenService(ds, activity);
  const mail = new MailService(ds, env, storage, activity, outbox);
  const team = new TeamService(ds, env, activity, outbox, auth, apiTokens);
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
    apiTokens,
    tokenLimiter: new WindowLimiter(env.API_TOKEN_REQUESTS_PER_MINUTE, 60_000),
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
