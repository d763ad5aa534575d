import { jobContext } from '../../../db/with-transaction';
import { startTestApp, type Client, type TestApp } from '../../../../test/harness';
import { parisDay } from '../../mail/mail.labels';

const OPEN = `mutation($c: ID!, $t: FormalityType!, $title: String!) { openFormality(companyId: $c, type: $t, title: $title) { id } }`;
const MOVE = `mutation($f: ID!, $to: FormalityState!, $i: MoveFormalityInput) { moveFormality(formalityId: $f, to: $to, input: $i) { id state } }`;
const ADD = `mutation($f: ID!, $i: InformationRequestInput!) { addInformationRequest(formalityId: $f, input: $i) { id dueDate } }`;

const DAY_MS = 86_400_000;

describe('formalities: a reminder before the client’s due date, once per due date', () => {
  let app: TestApp;
  let olivia: Client;
  let demoId: string;

  beforeAll(async () => {
    app = await startTestApp();
    demoId = await app.companyId('Demo SAS');
    olivia = await app.as('olivia');
  });
  afterAll(() => app.close());

  const open = async (title: string): Promise<string> => {
    const res = await olivia.gql<{ openFormality: { id: string } }>(OPEN, { c: demoId, t: 'MODIFICATION_STATUTS', title });
    if (!res.data?.openFormality) throw new Error(JSON.stringify(res.errors));
    return res.data.openFormality.id;
  };
  const ask = async (formalityId: string, dueDate: string | null): Promise<void> => {
    const res = await olivia.gql(ADD, { f: formalityId, i: { kind: 'TEXT', question: 'Nouvel objet social ?', dueDate } });
    expect(res.errors).toBeUndefined();
  };
  const move = async (formalityId: string, to: string, input: Record<string, unknown> | null = null): Promise<void> => {
    const res = await olivia.gql(MOVE, { f: formalityId, to, i: input });
    expect(res.errors).toBeUndefined();
  };
  /** The reminders about one formality (its title is unique to the test) that reached each address. */
  const reminders = async (title: string): Promise<{ to: string; subject: string }[]> =>
    app.db.ds.query(
      `SELECT to_address AS "to", subject FROM outbox_emails WHERE kind = 'formality_due_reminder' AND subject LIKE ? ORDER BY created_at, id`,
      [`%${title}%`],
    );
  const day = (now: Date, days: number): string => parisDay(new Date(now.getTime() + days * DAY_MS));
  const run = (now: Date) => app.server.services.formalityReminders.sendDueReminders(jobContext(now));

  it('reminds the formalities contacts once when a request’s due date comes within two days, again for a new due date', async () => {
    const now = new Date();
    const id = await open('Rappel objet social');
    await ask(id, day(now, 1));
    await move(id, 'INFORMATION_REQUESTED');

    await run(now);
    const first = await reminders('Rappel objet social');
    // David is the formalities contact of Demo SAS; Chloé (Facturation) is never told.
    expect(first.map((r) => r.to)).toEqual(['david.bernard@demo-sas.fr']);
    expect(first[0]?.subject).toContain('échéance le');

    // The next run, or another worker's, sends nothing more for the same due date.
    await Promise.all([run(now), run(now)]);
    expect(await reminders('Rappel objet social')).toHaveLength(1);

    // The same date passed: nothing new (already reminded for it).
    await run(new Date(now.getTime() + 3 * DAY_MS));
    expect(await reminders('Rappel objet social')).toHaveLength(1);

    // A new request due earlier (already past) sets a new reminder, which says the date has passed.
    await ask(
      id,
      day(now, 1).replace(/^\d{4}/, (y) => String(Number(y) - 1)),
    );
    await run(now);
    const after = await reminders('Rappel objet social');
    // Both runs used the same clock, so the two rows have the same time: compare them as a set.
    expect(after.map((r) => r.subject).sort()).toEqual([
      'Formalité « Rappel objet social » : l’échéance est dépassée',
      `Formalité « Rappel objet social » : échéance le ${first[0]?.subject.slice(-10) ?? ''}`,
    ]);
  });

  it('leaves alone what is far off, has no date, or is the operator’s turn', async () => {
    const now = new Date();
    const far = await open('Rappel lointain');
    await ask(far, day(now, 30));
    await move(far, 'INFORMATION_REQUESTED');

    const undated = await open('Rappel sans date');
    await ask(undated, null);
    await move(undated, 'INFORMATION_REQUESTED');

    const operators = await open('Rappel opérateur');
    await ask(operators, day(now, 1));
    await move(operators, 'UNDER_REVIEW', { dueDate: day(now, 1) });

    await run(now);
    expect(await reminders('Rappel lointain')).toHaveLength(0);
    expect(await reminders('Rappel sans date')).toHaveLength(0);
    expect(await reminders('Rappel opérateur')).toHaveLength(0);

    // Within the window, the far one is reminded.
    await run(new Date(now.getTime() + 29 * DAY_MS));
    expect(await reminders('Rappel lointain')).toHaveLength(1);
  });

  it('reminds of a regularisation’s due date set by the operator', async () => {
    const now = new Date();
    const id = await open('Rappel régularisation');
    await move(id, 'UNDER_REVIEW');
    await move(id, 'FILED', { trackingNumber: 'J000123' });
    await move(id, 'AWAITING_VALIDATION');
    await move(id, 'REGULARISATION_REQUESTED', { reason: 'Statuts non signés', dueDate: day(now, 2) });
    await run(now);
    const sent = await reminders('Rappel régularisation');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.subject).toContain(`${day(now, 2).slice(8, 10)}/${day(now, 2).slice(5, 7)}/${day(now, 2).slice(0, 4)}`);
  });
});
