import type { DataSource } from 'typeorm';
import type { Env } from './config/env';
import { ActivityService } from './modules/activity/activity.service';
import { AuthService } from './modules/auth/auth.service';
import { CompanyService } from './modules/companies/company.service';
import { OutboxService } from './modules/mailer/outbox.service';

/** Business services, built once at start-up. They hold no per-request state. */
export interface Services {
  ds: DataSource;
  env: Env;
  activity: ActivityService;
  outbox: OutboxService;
  auth: AuthService;
  companies: CompanyService;
}

export function createServices(ds: DataSource, env: Env): Services {
  const activity = new ActivityService();
  const outbox = new OutboxService(ds);
  return {
    ds,
    env,
    activity,
    outbox,
    auth: new AuthService(ds, env, activity, outbox),
    companies: new CompanyService(ds, activity),
  };
}
