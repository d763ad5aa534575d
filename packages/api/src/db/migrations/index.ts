import { Foundation1763800000000 } from './1763800000000-foundation';
import { Team1763850000000 } from './1763850000000-team';
import { Mail1763900000000 } from './1763900000000-mail';
import { ApiTokens1764300000000 } from './1764300000000-api-tokens';
import { DeferredRequests1764500000000 } from './1764500000000-deferred-requests';
import { Invoices1764600000000 } from './1764600000000-invoices';
import { Formalities1764700000000 } from './1764700000000-formalities';
import { FormalityReminders1764750000000 } from './1764750000000-formality-reminders';
import { Signatures1764800000000 } from './1764800000000-signatures';
import { RequestIds1764900000000 } from './1764900000000-request-ids';

/** Every migration, in order. New ones are appended here. */
export const migrations = [
  Foundation1763800000000,
  Team1763850000000,
  Mail1763900000000,
  ApiTokens1764300000000,
  DeferredRequests1764500000000,
  Invoices1764600000000,
  Formalities1764700000000,
  FormalityReminders1764750000000,
  Signatures1764800000000,
  RequestIds1764900000000,
];
