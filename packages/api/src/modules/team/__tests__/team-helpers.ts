import type { Client, TestApp } from '../../../../test/harness';

export const INVITE = `mutation($companyId: ID!, $rows: [InvitationInput!]!) {
  inviteMembers(companyId: $companyId, invitations: $rows) {
    invitedCount failedCount
    rows { index email status invitation { id status scopes contactFor expiresAt sentCount invitedByName } errors { field code message } warnings { field code suggestion message } }
  }
}`;
export const MEMBERS = `query($id: ID!) { company(id: $id) { members { id email firstName lastName scopes role status contactFor invitedByName linkReceived lastLoginAt } } }`;
export const INVITATIONS = `query($id: ID!) { company(id: $id) { invitations { id email status sentCount lastSentAt invitedByName } } }`;
export const PREVIEW = `query($t: String!) { invitation(token: $t) { companyName inviterName email firstName status accountExists role scopes } }`;
export const ACCEPT = `mutation($t: String!, $input: AcceptInvitationInput) { acceptInvitation(token: $t, input: $input) { user { email firstName } memberships { scopes company { name } } } }`;

export interface RowResult {
  index: number;
  email: string;
  status: 'INVITED' | 'FAILED';
  invitation: { id: string; status: string; scopes: string[]; contactFor: string[]; expiresAt: string; sentCount: number } | null;
  errors: { field: string; code: string; message: string }[];
  warnings: { field: string; code: string; suggestion: string | null; message: string }[];
}

export type InviteResult = { inviteMembers: { invitedCount: number; failedCount: number; rows: RowResult[] } };

export function row(email: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const local = email.split('@')[0] ?? 'x';
  const [first, last] = local.split('.');
  const cap = (s: string | undefined): string => (s ? s[0]?.toUpperCase() + s.slice(1) : 'Nom');
  return { email, firstName: cap(first), lastName: cap(last ?? 'Test'), scopes: ['COURRIER'], ...extra };
}

export async function invite(client: Client, companyId: string, rows: Record<string, unknown>[]): Promise<InviteResult['inviteMembers']> {
  const res = await client.gql<InviteResult>(INVITE, { companyId, rows });
  if (!res.data?.inviteMembers) throw new Error(`inviteMembers failed: ${JSON.stringify(res.errors)}`);
  return res.data.inviteMembers;
}

/** The token of the newest link emailed to `email` (from the outbox, as the dev mailbox shows it). */
export async function latestLink(app: TestApp, email: string, kind = 'invitation'): Promise<string> {
  const mails = await app.server.services.outbox.latest(20, email);
  const mail = mails.find((m) => m.kind === kind);
  const token = mail?.textBody.match(/invitation\?token=([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error(`no ${kind} email for ${email}`);
  return token;
}
