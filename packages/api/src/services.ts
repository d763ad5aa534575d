import type { DataSource } from 'typeorm';
import type { Env } from './config/env';
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
}

export function createServices(ds: DataSource, env: Env): Services {
  const activity = new ActivityService();
  const outbox = new OutboxService(ds);
  const auth = new AuthService(ds, env, activity, outbox);
  const storage = new LocalFileStorage(env.filesDir);
  const mail = new MailService(ds, env, storage, activity, outbox);
  return {
    ds,
    env,
    activity,
    outbox,
    auth,
    companies: new CompanyService(ds, activity),
    team: new TeamService(ds, env, activity, outbox, auth),
    storage,
    mail,
    forwarding: new ForwardingService(ds, activity),
    mailFiles: new MailFilesService(ds, env, storage, mail, activity),
  };
}
