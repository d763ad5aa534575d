import { codesOf, startTestApp, type Client, type TestApp } from '../../../../test/harness';
import { jobContext } from '../../../db/with-transaction';
import { ACCEPT, INVITATIONS, INVITE, invite, latestLink, MEMBERS, PREVIEW, row, type InviteResult } from './team-helpers';

describe('inviting members', () => {
  let app: TestApp;
  let alice: Client;
  let demoId: string;
  beforeAll(async () => {
    app = await startTestApp();
    alice = await app.as('alice');
    demoId = await app.companyId('Demo SAS');
  });
  afterAll(async () => app.close());

  it('invites the valid rows and returns each invalid row with its field errors', async () => {
    const result = await invite(alice, demoId, [
      row('lea.moreau@gmail.com', { phone: '06 12 34 56 78', jobTitle: 'Assistante', contactFor: ['COURRIER'] }),
      row('contact@demo-sas.fr'),
      row('jose.garcía@demo-sas.fr'),
      row('bruno.petit@demo-sas.fr'),
      row('marc.dupont@demo-sas.fr', { phone: '12' }),
      row('LEA.MOREAU@gmail.com'),
      row('paul.henry@gmail.con', { scopes: ['COURRIER', 'FACTURATION'] }),
      { email: 'alice.homonyme@exemple.fr', firstName: 'Alice', lastName: 'Martin', scopes: ['FORMALITE'] },
      row('zoe.faure@demo-sas.fr', { scopes: ['COURRIER'], contactFor: ['FACTURATION'] }),
      row('sans.acces@demo-sas.fr', { scopes: [] }),
    ]);
    const byIndex = (i: number) => result.rows[i];
    expect(result.rows.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(byIndex(0)).toMatchObject({
      status: 'INVITED',
      email: 'lea.moreau@gmail.com',
      invitation: { status: 'PENDING', scopes: ['COURRIER'], contactFor: ['COURRIER'], sentCount: 1, invitedByName: 'Alice Martin' },
    });
    expect(byIndex(1)?.errors).toEqual([
      expect.objectContaining({
        field: 'email',
        code: 'EMAIL_GENERIC_MAILBOX',
        message: expect.stringMatching(/invite a person, not a department/i),
      }),
    ]);
    expect(byIndex(2)?.errors.map((e) => e.code)).toEqual(['EMAIL_NON_ASCII']);
    expect(byIndex(3)?.errors.map((e) => e.code)).toEqual(['ALREADY_MEMBER']);
    expect(byIndex(4)?.errors.map((e) => `${e.field}:${e.code}`)).toEqual(['phone:PHONE_INVALID']);
    expect(byIndex(5)?.errors.map((e) => e.code)).toEqual(['DUPLICATE_IN_BATCH']);
    expect(byIndex(6)).toMatchObject({
      status: 'INVITED',
      warnings: [expect.objectContaining({ code: 'EMAIL_DOMAIN_TYPO', suggestion: 'paul.henry@gmail.com' })],
    });
    expect(byIndex(7)).toMatchObject({ status: 'INVITED', warnings: [expect.objectContaining({ code: 'POSSIBLE_DUPLICATE_MEMBER' })] });
    expect(byIndex(8)?.errors.map((e) => `${e.field}:${e.code}`)).toEqual(['contactFor:CONTACT_FOR_WITHOUT_SCOPE']);
    expect(byIndex(9)?.errors.map((e) => `${e.field}:${e.code}`)).toEqual(['scopes:SCOPES_REQUIRED']);
    expect(result.invitedCount).toBe(3);
    expect(result.failedCount).toBe(7);

    // A second invitation to a pending address is refused per row.
    const again = await invite(alice, demoId, [row('lea.moreau@gmail.com')]);
    expect(again.rows[0]?.errors.map((e) => e.code)).toEqual(['ALREADY_INVITED']);

    const events: { action: string }[] = await app.db.ds.query(
      "SELECT action FROM activity_events WHERE action = 'team.invited' AND company_id = ?",
      [demoId],
    );
    expect(events).toHaveLength(3);
  });

  it('emails the invitation with the company, the inviter, the role, the expiry date and what to do once expired', async () => {
    const [mail] = await app.server.services.outbox.latest(1, 'lea.moreau@gmail.com');
    expect(mail?.subject).toBe('Alice Martin vous invite à rejoindre Demo SAS sur Guichet');
    expect(mail?.textBody).toContain('avec l’accès « Gestion de courrier »');
    expect(mail?.textBody).toMatch(/valable jusqu’au \d{1,2} \S+ \d{4}/);
    expect(mail?.textBody).toMatch(/Si le lien a expiré/);
    expect(mail?.textBody).toMatch(/\/invitation\?token=/);
  });

  it('writes the invitation in the inviter’s language', async () => {
    await alice.gql('mutation { setMyLocale(locale: EN) { locale } }');
    await invite(alice, demoId, [row('tom.baker@exemple.fr', { scopes: ['FACTURATION'] })]);
    const [mail] = await app.server.services.outbox.latest(1, 'tom.baker@exemple.fr');
    expect(mail?.subject).toBe('Alice Martin invites you to Demo SAS on Guichet');
    expect(mail?.textBody).toContain('with the access level “Billing”');
    expect(mail?.textBody).toMatch(/until \d{1,2} \w+ \d{4}/);
    await alice.gql('mutation { setMyLocale(locale: FR) { locale } }');
  });

  it('refuses more than 50 rows at once', async () => {
    const rows = Array.from({ length: 51 }, (_, i) => row(`personne.${i}@exemple.fr`));
    const res = await alice.gql<InviteResult>(INVITE, { companyId: demoId, rows });
    expect(codesOf(res)).toEqual(['BATCH_TOO_LARGE']);
  });

  it('lets a new person accept once: names, password, signed in, and only their role', async () => {
    const token = await latestLink(app, 'lea.moreau@gmail.com');
    const visitor = app.client();
    const preview = await visitor.gql(PREVIEW, { t: token });
    expect(preview.data).toEqual({
      invitation: {
        companyName: 'Demo SAS',
        inviterName: 'Alice Martin',
        email: 'lea.moreau@gmail.com',
        firstName: 'Lea',
        status: 'PENDING',
        accountExists: false,
        role: 'GESTION_COURRIER',
        scopes: ['COURRIER'],
      },
    });
    const weak = await visitor.gql(ACCEPT, { t: token, input: { password: 'court' } });
    expect(weak.errors?.[0]?.extensions?.fields).toEqual([{ field: 'password', code: 'PASSWORD_TOO_SHORT' }]);

    const [first, second] = await Promise.all([
      visitor.gql(ACCEPT, { t: token, input: { firstName: 'Léa', password: 'une phrase de passe solide' } }),
      app.client().gql(ACCEPT, { t: token, input: { firstName: 'Léa', password: 'une phrase de passe solide' } }),
    ]);
    const outcomes = [first, second].map((r) => (r.errors ? codesOf(r).join() : 'ok')).sort();
    expect(outcomes).toEqual(['INVITATION_ALREADY_ACCEPTED', 'ok']);
    const winner = first.errors ? second : first;
    expect(winner.data).toEqual({
      acceptInvitation: {
        user: { email: 'lea.moreau@gmail.com', firstName: 'Léa' },
        memberships: [{ scopes: ['COURRIER'], company: { name: 'Demo SAS' } }],
      },
    });

    const lea = await app.client().login('lea.moreau@gmail.com', 'une phrase de passe solide');
    expect(codesOf(await lea.gql(MEMBERS, { id: demoId }))).toEqual(['FORBIDDEN']);
    const members = await alice.gql<{
      company: { members: { email: string; invitedByName: string | null; linkReceived: boolean; contactFor: string[] }[] };
    }>(MEMBERS, { id: demoId });
    expect(members.data?.company.members.find((m) => m.email === 'lea.moreau@gmail.com')).toMatchObject({
      invitedByName: 'Alice Martin',
      linkReceived: true,
      contactFor: ['COURRIER'],
    });
    const invitations = await alice.gql<{ company: { invitations: { email: string; status: string }[] } }>(INVITATIONS, { id: demoId });
    expect(invitations.data?.company.invitations.find((i) => i.email === 'lea.moreau@gmail.com')?.status).toBe('ACCEPTED');
  });

  it('asks an existing account to sign in, refuses another signed-in account, and adds the company to the right one', async () => {
    await invite(alice, demoId, [row('emma.leroy@autre-sarl.fr', { scopes: ['FACTURATION'] })]);
    const token = await latestLink(app, 'emma.leroy@autre-sarl.fr');
    expect((await app.client().gql<{ invitation: { accountExists: boolean } }>(PREVIEW, { t: token })).data?.invitation.accountExists).toBe(
      true,
    );

    const anonymous = await app.client().gql(ACCEPT, { t: token });
    expect(codesOf(anonymous)).toEqual(['SIGN_IN_REQUIRED']);
    const bruno = await app.as('bruno');
    const wrong = await bruno.gql(ACCEPT, { t: token });
    expect(codesOf(wrong)).toEqual(['INVITATION_EMAIL_MISMATCH']);
    expect(wrong.errors?.[0]?.message).toContain('emma.leroy@autre-sarl.fr');
    expect(wrong.errors?.[0]?.message).toContain('bruno.petit@demo-sas.fr');

    const emma = await app.as('emma');
    const ok = await emma.gql<{ acceptInvitation: { memberships: { company: { name: string }; scopes: string[] }[] } }>(ACCEPT, {
      t: token,
    });
    expect(ok.data?.acceptInvitation.memberships.map((m) => `${m.company.name}:${m.scopes.join('+')}`).sort()).toEqual([
      'Autre SARL:ADMIN',
      'Demo SAS:FACTURATION',
    ]);

    // Removed again: her very next request to Demo SAS is refused, Autre SARL stays hers.
    const members = await alice.gql<{ company: { members: { id: string; email: string }[] } }>(MEMBERS, { id: demoId });
    const membership = members.data?.company.members.find((m) => m.email === 'emma.leroy@autre-sarl.fr');
    const removed = await alice.gql('mutation($c: ID!, $m: ID!) { removeMember(companyId: $c, memberId: $m) }', {
      c: demoId,
      m: membership?.id,
    });
    expect(removed.data).toEqual({ removeMember: true });
    expect(codesOf(await emma.gql('query($id: ID!) { company(id: $id) { name } }', { id: demoId }))).toEqual(['NOT_FOUND']);
    const autre = await emma.gql('query($id: ID!) { company(id: $id) { name } }', { id: await app.companyId('Autre SARL') });
    expect(autre.data).toEqual({ company: { name: 'Autre SARL' } });
  });

  it('treats an expired link: preview says so, acceptance is refused, the invitee can ask for a new one, a resend works', async () => {
    await invite(alice, demoId, [row('hugo.lambert@exemple.fr')]);
    const token = await latestLink(app, 'hugo.lambert@exemple.fr');
    await app.db.ds.query('UPDATE invitations SET expires_at = ? WHERE email = ?', [
      app.db.date(new Date(Date.now() - 1000)),
      'hugo.lambert@exemple.fr',
    ]);
    expect((await app.client().gql<{ invitation: { status: string } }>(PREVIEW, { t: token })).data?.invitation.status).toBe('EXPIRED');
    expect(codesOf(await app.client().gql(ACCEPT, { t: token, input: { password: 'une phrase de passe solide' } }))).toEqual([
      'INVITATION_EXPIRED',
    ]);

    const ask = 'mutation($t: String!) { requestNewInvitationLink(token: $t) }';
    expect((await app.client().gql(ask, { t: token })).data).toEqual({ requestNewInvitationLink: true });
    expect((await app.client().gql(ask, { t: token })).data).toEqual({ requestNewInvitationLink: true });
    // The administrators are told after the answers, once for the two asks.
    expect(await app.runDeferred()).toBe(2);
    const notices = (await app.server.services.outbox.latest(50, 'alice.martin@demo-sas.fr')).filter(
      (m) => m.kind === 'new_link_requested',
    );
    expect(notices).toHaveLength(1);
    expect(notices[0]?.subject).toContain('Hugo Lambert');

    const list = await alice.gql<{ company: { invitations: { id: string; email: string; status: string }[] } }>(INVITATIONS, {
      id: demoId,
    });
    const expired = list.data?.company.invitations.find((i) => i.email === 'hugo.lambert@exemple.fr');
    expect(expired?.status).toBe('EXPIRED');
    const resent = await alice.gql<{ resendInvitation: { status: string; sentCount: number } }>(
      'mutation($c: ID!, $i: ID!) { resendInvitation(companyId: $c, invitationId: $i) { status sentCount } }',
      { c: demoId, i: expired?.id },
    );
    expect(resent.data?.resendInvitation).toEqual({ status: 'PENDING', sentCount: 2 });
    const fresh = await latestLink(app, 'hugo.lambert@exemple.fr');
    expect(fresh).not.toBe(token);
    expect(codesOf(await app.client().gql(ACCEPT, { t: token, input: { password: 'une phrase de passe solide' } }))).toEqual([
      'INVALID_TOKEN',
    ]);
    expect((await app.client().gql(ACCEPT, { t: fresh, input: { password: 'une phrase de passe solide' } })).errors).toBeUndefined();
  });

  it('voids a revoked invitation', async () => {
    const result = await invite(alice, demoId, [row('ines.roche@exemple.fr')]);
    const token = await latestLink(app, 'ines.roche@exemple.fr');
    const id = result.rows[0]?.invitation?.id;
    const revoked = await alice.gql('mutation($c: ID!, $i: ID!) { revokeInvitation(companyId: $c, invitationId: $i) { status } }', {
      c: demoId,
      i: id,
    });
    expect(revoked.data).toEqual({ revokeInvitation: { status: 'REVOKED' } });
    expect(codesOf(await app.client().gql(ACCEPT, { t: token, input: { password: 'une phrase de passe solide' } }))).toEqual([
      'INVITATION_REVOKED',
    ]);
    // Revoking frees the address for a new invitation.
    expect((await invite(alice, demoId, [row('ines.roche@exemple.fr')])).invitedCount).toBe(1);
  });

  it('shows the administrators a withdrawn invitation’s request for a new link, and sends one in one step', async () => {
    const result = await invite(alice, demoId, [row('paul.girard@exemple.fr')]);
    const token = await latestLink(app, 'paul.girard@exemple.fr');
    const id = result.rows[0]?.invitation?.id;
    await alice.gql('mutation($c: ID!, $i: ID!) { revokeInvitation(companyId: $c, invitationId: $i) { status } }', { c: demoId, i: id });
    type Row = { id: string; status: string; newLinkRequestedAt: string | null };
    const rowOf = async (): Promise<Row | undefined> => {
      const list = await alice.gql<{ company: { invitations: Row[] } }>(
        'query($id: ID!) { company(id: $id) { invitations { id status newLinkRequestedAt } } }',
        { id: demoId },
      );
      return list.data?.company.invitations.find((i) => i.id === id);
    };
    expect(await rowOf()).toEqual({ id, status: 'REVOKED', newLinkRequestedAt: null });

    const before = Date.now();
    await app.client().gql('mutation($t: String!) { requestNewInvitationLink(token: $t) }', { t: token });
    await app.runDeferred();
    const requested = await rowOf();
    expect(requested?.status).toBe('REVOKED');
    expect(Date.parse(requested?.newLinkRequestedAt ?? '')).toBeGreaterThanOrEqual(before - 1000);

    // One click: a new link goes out, the invitation is pending again, the request is answered.
    const resent = await alice.gql<{ resendInvitation: { status: string; sentCount: number; newLinkRequestedAt: string | null } }>(
      'mutation($c: ID!, $i: ID!) { resendInvitation(companyId: $c, invitationId: $i) { status sentCount newLinkRequestedAt } }',
      { c: demoId, i: id },
    );
    expect(resent.data?.resendInvitation).toEqual({ status: 'PENDING', sentCount: 2, newLinkRequestedAt: null });
    const fresh = await latestLink(app, 'paul.girard@exemple.fr');
    expect(fresh).not.toBe(token);
    expect((await app.client().gql(ACCEPT, { t: fresh, input: { password: 'une phrase de passe solide' } })).errors).toBeUndefined();
  });

  it('still refuses to resend a withdrawn invitation nobody asked a new link for', async () => {
    const result = await invite(alice, demoId, [row('rose.petit@exemple.fr')]);
    const id = result.rows[0]?.invitation?.id;
    await alice.gql('mutation($c: ID!, $i: ID!) { revokeInvitation(companyId: $c, invitationId: $i) { status } }', { c: demoId, i: id });
    const res = await alice.gql('mutation($c: ID!, $i: ID!) { resendInvitation(companyId: $c, invitationId: $i) { status } }', {
      c: demoId,
      i: id,
    });
    expect(codesOf(res)).toEqual(['CONFLICT']);
  });

  it('sends one reminder a day before expiry, whose link works as well as the first one', async () => {
    await invite(alice, demoId, [row('jules.marchand@exemple.fr')]);
    const original = await latestLink(app, 'jules.marchand@exemple.fr');
    await app.db.ds.query('UPDATE invitations SET expires_at = ? WHERE email = ?', [
      app.db.date(new Date(Date.now() + 12 * 3_600_000)),
      'jules.marchand@exemple.fr',
    ]);
    expect(await app.server.services.team.sendDueReminders(jobContext())).toBeGreaterThanOrEqual(1);
    expect(await app.server.services.team.sendDueReminders(jobContext())).toBe(0);
    const reminder = await latestLink(app, 'jules.marchand@exemple.fr', 'invitation_reminder');
    const [mail] = (await app.server.services.outbox.latest(20, 'jules.marchand@exemple.fr')).filter(
      (m) => m.kind === 'invitation_reminder',
    );
    expect(mail?.subject).toMatch(/^Rappel/);
    expect((await app.client().gql<{ invitation: { status: string } }>(PREVIEW, { t: reminder })).data?.invitation.status).toBe('PENDING');
    expect((await app.client().gql<{ invitation: { status: string } }>(PREVIEW, { t: original })).data?.invitation.status).toBe('PENDING');
  });

  it('limits invitation emails to 5 per address per week', async () => {
    const result = await invite(alice, demoId, [row('karim.benali@exemple.fr')]);
    const id = result.rows[0]?.invitation?.id;
    const resend = 'mutation($c: ID!, $i: ID!) { resendInvitation(companyId: $c, invitationId: $i) { sentCount } }';
    for (let n = 2; n <= 5; n += 1)
      expect((await alice.gql(resend, { c: demoId, i: id })).data).toEqual({ resendInvitation: { sentCount: n } });
    const limited = await alice.gql(resend, { c: demoId, i: id });
    expect(codesOf(limited)).toEqual(['RATE_LIMITED']);
  });

  it('limits a company to 100 new invitations a day', async () => {
    const sent: { n: number }[] = await app.db.ds.query('SELECT COUNT(*) AS n FROM invitations WHERE company_id = ?', [demoId]);
    const already = Number(sent[0]?.n);
    const rows = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => row(`quota.${from + i}@exemple.fr`, { lastName: 'Quota' }));
    let n = already;
    while (100 - n >= 50) {
      expect((await invite(alice, demoId, rows(n, 50))).invitedCount).toBe(50);
      n += 50;
    }
    if (100 - n > 0) expect((await invite(alice, demoId, rows(n, 100 - n))).invitedCount).toBe(100 - n);
    const over = await alice.gql(INVITE, { companyId: demoId, rows: rows(1000, 1) });
    expect(codesOf(over)).toEqual(['RATE_LIMITED']);
  });

  it('keeps other tenants out: no listing, no resend or revoke by id through another company', async () => {
    const emma = await app.as('emma');
    const autreId = await app.companyId('Autre SARL');
    expect(codesOf(await emma.gql(MEMBERS, { id: demoId }))).toEqual(['NOT_FOUND']);
    const demoInvitation: { id: string }[] = await app.db.ds.query(
      "SELECT id FROM invitations WHERE company_id = ? AND status = 'PENDING' LIMIT 1",
      [demoId],
    );
    const res = await emma.gql('mutation($c: ID!, $i: ID!) { revokeInvitation(companyId: $c, invitationId: $i) { id } }', {
      c: autreId,
      i: demoInvitation[0]?.id,
    });
    expect(codesOf(res)).toEqual(['NOT_FOUND']);
    expect(res.errors?.[0]?.extensions?.resource).toBe('Invitation');
    const still: { status: string }[] = await app.db.ds.query('SELECT status FROM invitations WHERE id = ?', [demoInvitation[0]?.id]);
    expect(still[0]?.status).toBe('PENDING');
  });
});
