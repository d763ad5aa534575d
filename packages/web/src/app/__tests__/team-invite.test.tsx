import { ERROR_MESSAGES, validationMessage } from '@guichet/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import type { MockLink } from '@apollo/client/testing';
import { InviteMembersDocument, type InviteMembersMutation, type TeamInvitationFragment } from '@/features/team/api/generated';
import type { InvitationInput } from '@/lib/graphql/schema-types';
import { teamFr } from '@/locales/team/fr';
import { buildMembership, buildViewer } from '@/testing/fixtures';
import { buildInvitation, buildMember, teamMock } from '@/testing/team-fixtures';
import { findPageTitle, normalized, renderApp } from '@/testing/test-utils';

const t = teamFr.invite;
const admin = buildViewer({ memberships: [buildMembership(['ADMIN'], { id: 'acme', name: 'ACME SAS' })] });
const members = [
  buildMember({ userId: 'user-1', firstName: 'Camille', lastName: 'Martin', email: 'camille.martin@example.fr', scopes: ['ADMIN'] }),
  buildMember({ firstName: 'Bruno', lastName: 'Petit', email: 'bruno.petit@demo-sas.fr', scopes: ['COURRIER'] }),
];

/** The shared message, as a field's accessible description reads it. */
const message = (code: Parameters<typeof validationMessage>[0], params?: Record<string, string>) => validationMessage(code, 'fr', params);

function input(
  overrides: Partial<InvitationInput> & Pick<InvitationInput, 'email' | 'firstName' | 'lastName' | 'scopes'>,
): InvitationInput {
  return { phone: null, jobTitle: null, contactFor: [], ...overrides };
}

type Row = InviteMembersMutation['inviteMembers'] extends infer R ? (R extends { rows: Array<infer Item> } ? Item : never) : never;

function invited(index: number, invitation: TeamInvitationFragment): Row {
  return { __typename: 'InvitationRowResult', index, email: invitation.email, status: 'INVITED', invitation, errors: [], warnings: [] };
}

function failed(index: number, email: string, field: string, code: string): Row {
  return {
    __typename: 'InvitationRowResult',
    index,
    email,
    status: 'FAILED',
    invitation: null,
    errors: [{ __typename: 'FieldProblem', field, code, suggestion: null }],
    warnings: [],
  };
}

function inviteMock(
  invitations: InvitationInput[],
  result: { rows?: Row[]; errors?: GraphQLError[] },
): MockLink.MockedResponse<InviteMembersMutation> {
  const rows = result.rows ?? [];
  return {
    request: { query: InviteMembersDocument, variables: { companyId: 'acme', invitations } },
    result: result.errors
      ? { errors: result.errors }
      : {
          data: {
            inviteMembers: {
              __typename: 'InviteMembersResult',
              invitedCount: rows.filter((row) => row.status === 'INVITED').length,
              failedCount: rows.filter((row) => row.status === 'FAILED').length,
              rows,
            },
          },
        },
  };
}

async function openInviteDialog(mocks: MockLink.MockedResponse[] = []) {
  const user = userEvent.setup();
  const view = renderApp('/c/acme/team', { viewer: admin, mocks: [teamMock('acme', { members }), ...mocks] });
  await findPageTitle();
  await user.click(await screen.findByRole('button', { name: teamFr.page.invite }));
  const dialog = await screen.findByRole('dialog', { name: t.title });
  return { user, dialog, ...view };
}

const rowsOf = (dialog: HTMLElement) => within(dialog).queryAllByRole('group', { name: /^Personne \d+$/ });
const field = (row: HTMLElement, label: string) => within(row).getByLabelText(label, { exact: true });

async function fillRow(user: UserEvent, row: HTMLElement, values: { email: string; firstName: string; lastName: string; role: string }) {
  await user.type(field(row, t.row.email), values.email);
  await user.type(field(row, t.row.firstName), values.firstName);
  await user.type(field(row, t.row.lastName), values.lastName);
  await user.selectOptions(field(row, t.row.role), values.role);
}

describe('invite dialog', () => {
  it('turns a pasted list into rows, guessing names from prenom.nom@, with the chosen role', async () => {
    const { user, dialog } = await openInviteDialog();
    expect(field(rowsOf(dialog)[0]!, t.row.email)).toHaveFocus();

    await user.click(within(dialog).getByRole('button', { name: t.paste.toggle }));
    await user.click(within(dialog).getByLabelText(t.paste.label));
    await user.paste('Léa Moreau <lea.moreau@exemple.fr>; hugo.bernard@exemple.fr\ncontact@demo-sas.fr');
    await user.selectOptions(within(dialog).getByLabelText(t.paste.role), 'Facturation');
    await user.click(within(dialog).getByRole('button', { name: t.paste.add }));

    const rows = rowsOf(dialog);
    expect(rows).toHaveLength(3); // the empty first row gave way to the pasted ones
    expect(rows.map((row) => (field(row, t.row.email) as HTMLInputElement).value)).toEqual([
      'lea.moreau@exemple.fr',
      'hugo.bernard@exemple.fr',
      'contact@demo-sas.fr',
    ]);
    expect(field(rows[0]!, t.row.firstName)).toHaveValue('Léa');
    expect(field(rows[1]!, t.row.firstName)).toHaveValue('Hugo');
    expect(field(rows[1]!, t.row.lastName)).toHaveValue('Bernard');
    expect(field(rows[2]!, t.row.firstName)).toHaveValue('');
    for (const row of rows) expect(field(row, t.row.role)).toHaveValue('FACTURATION');
    expect(within(dialog).getByText('3 personnes ajoutées à la liste.')).toBeInTheDocument();
    expect(field(rows[0]!, t.row.email)).toHaveFocus();
  });

  it('shows no error on a row nobody typed in, even once its fields are left', async () => {
    const { user, dialog } = await openInviteDialog();
    const [row] = rowsOf(dialog);
    expect(field(row!, t.row.email)).toHaveFocus();
    // Opening the paste box takes the focus away from the empty first row.
    await user.click(within(dialog).getByRole('button', { name: t.paste.toggle }));
    expect(field(row!, t.row.email)).not.toHaveAttribute('aria-invalid');
    expect(field(row!, t.row.email)).not.toHaveAccessibleDescription(message('EMAIL_REQUIRED'));
    // Walking through the empty fields does not flag them either.
    await user.click(field(row!, t.row.firstName));
    await user.tab();
    await user.tab();
    expect(
      within(row!)
        .getAllByRole('textbox')
        .filter((input) => input.getAttribute('aria-invalid') === 'true'),
    ).toHaveLength(0);
    expect(within(dialog).queryByText(message('EMAIL_REQUIRED'))).toBeNull();
    expect(within(dialog).queryByText(message('NAME_REQUIRED'))).toBeNull();

    // Typed then emptied, the field says what it needs once left.
    await user.type(field(row!, t.row.email), 'a');
    await user.clear(field(row!, t.row.email));
    await user.tab();
    expect(field(row!, t.row.email)).toHaveAccessibleDescription(message('EMAIL_REQUIRED'));
  });

  it('checks rows with the shared rules, linking each error to its field', async () => {
    const { user, dialog } = await openInviteDialog();
    const [row] = rowsOf(dialog);
    await user.type(field(row!, t.row.email), 'contact@demo-sas.fr');
    await user.tab();
    expect(field(row!, t.row.email)).toHaveAccessibleDescription(message('EMAIL_GENERIC_MAILBOX'));
    expect(field(row!, t.row.email)).toHaveAttribute('aria-invalid', 'true');

    await user.type(field(row!, t.row.phone), '12');
    await user.tab();
    expect(field(row!, t.row.phone)).toHaveAccessibleDescription(message('PHONE_INVALID'));

    // Sending shows every remaining error; nothing is sent while no row is valid.
    await user.click(within(dialog).getByRole('button', { name: 'Envoyer l’invitation' }));
    expect(field(row!, t.row.firstName)).toHaveAccessibleDescription(message('NAME_REQUIRED'));
    expect(field(row!, t.row.role)).toHaveAccessibleDescription(message('SCOPES_REQUIRED'));
    expect(field(row!, t.row.email)).toHaveFocus();

    // A person with the name of an existing member: a warning, not an error.
    await user.type(field(row!, t.row.firstName), 'Bruno');
    await user.type(field(row!, t.row.lastName), 'Petit');
    expect(field(row!, t.row.lastName)).toHaveAccessibleDescription(message('POSSIBLE_DUPLICATE_MEMBER', { name: 'Bruno Petit' }));
  });

  it('offers the fix of a likely typo in the domain as one click', async () => {
    const { user, dialog } = await openInviteDialog();
    const [row] = rowsOf(dialog);
    await user.type(field(row!, t.row.email), 'lea.moreau@gmail.con');
    await user.tab();
    await user.click(within(row!).getByRole('button', { name: 'lea.moreau@gmail.com' }));
    expect(field(row!, t.row.email)).toHaveValue('lea.moreau@gmail.com');
    expect(within(row!).queryByRole('button', { name: 'lea.moreau@gmail.com' })).toBeNull();
  });

  it('sends the valid rows and keeps the others, with the errors of the API per row', async () => {
    const lea = buildInvitation({ email: 'lea.moreau@exemple.fr', firstName: 'Léa', lastName: 'Moreau', invitedByName: null });
    const { user, dialog } = await openInviteDialog([
      inviteMock(
        [
          input({ email: 'lea.moreau@exemple.fr', firstName: 'Léa', lastName: 'Moreau', scopes: ['COURRIER'] }),
          input({
            email: 'bruno.petit@demo-sas.fr',
            firstName: 'Bruno',
            lastName: 'Petit',
            scopes: ['FACTURATION'],
            jobTitle: 'Comptable',
          }),
        ],
        { rows: [invited(0, lea), failed(1, 'bruno.petit@demo-sas.fr', 'email', 'ALREADY_MEMBER')] },
      ),
    ]);
    await fillRow(user, rowsOf(dialog)[0]!, {
      email: 'lea.moreau@exemple.fr',
      firstName: 'Léa',
      lastName: 'Moreau',
      role: 'Gestion de courrier',
    });
    await user.click(within(dialog).getByRole('button', { name: t.addRow }));
    const second = rowsOf(dialog)[1]!;
    expect(field(second, t.row.email)).toHaveFocus();
    await fillRow(user, second, { email: 'bruno.petit@demo-sas.fr', firstName: 'Bruno', lastName: 'Petit', role: 'Facturation' });
    await user.type(field(second, t.row.jobTitle), 'Comptable');
    await user.click(within(dialog).getByRole('button', { name: 'Envoyer les 2 invitations' }));

    expect(await within(dialog).findByText('1 invitation envoyée, 1 à corriger')).toBeInTheDocument();
    expect(within(dialog).getByText('lea.moreau@exemple.fr')).toBeInTheDocument();
    const rows = rowsOf(dialog);
    expect(rows).toHaveLength(1);
    // Nothing typed is lost on the row that failed; its error is on its field.
    expect(field(rows[0]!, t.row.email)).toHaveValue('bruno.petit@demo-sas.fr');
    expect(field(rows[0]!, t.row.jobTitle)).toHaveValue('Comptable');
    expect(field(rows[0]!, t.row.role)).toHaveValue('FACTURATION');
    expect(field(rows[0]!, t.row.email)).toHaveAccessibleDescription(message('ALREADY_MEMBER'));
    // Editing the address clears the API's error on it.
    await user.clear(field(rows[0]!, t.row.email));
    await user.type(field(rows[0]!, t.row.email), 'b.petit@exemple.fr');
    expect(field(rows[0]!, t.row.email)).not.toHaveAttribute('aria-invalid');
  });

  it('keeps a row the shared rules refuse and sends the others', async () => {
    const lea = buildInvitation({ email: 'lea.moreau@exemple.fr' });
    const { user, dialog, client } = await openInviteDialog([
      inviteMock([input({ email: 'lea.moreau@exemple.fr', firstName: 'Léa', lastName: 'Moreau', scopes: ['COURRIER'] })], {
        rows: [invited(0, lea)],
      }),
    ]);
    await fillRow(user, rowsOf(dialog)[0]!, {
      email: 'lea.moreau@exemple.fr',
      firstName: 'Léa',
      lastName: 'Moreau',
      role: 'Gestion de courrier',
    });
    await user.click(within(dialog).getByRole('button', { name: t.addRow }));
    await fillRow(user, rowsOf(dialog)[1]!, {
      email: 'contact@demo-sas.fr',
      firstName: 'Service',
      lastName: 'Contact',
      role: 'Gestion de courrier',
    });
    await user.click(within(dialog).getByRole('button', { name: 'Envoyer les 2 invitations' }));

    expect(await within(dialog).findByText('1 invitation envoyée, 1 à corriger')).toBeInTheDocument();
    const rows = rowsOf(dialog);
    expect(rows).toHaveLength(1);
    expect(field(rows[0]!, t.row.email)).toHaveAccessibleDescription(message('EMAIL_GENERIC_MAILBOX'));
    // The new invitation is in the list behind the dialog, without another request.
    const cached = client.readQuery({
      query: (await import('@/features/team/api/generated')).TeamDocument,
      variables: { companyId: 'acme' },
    });
    expect(cached?.company?.invitations?.map((invitation) => invitation.email)).toEqual(['lea.moreau@exemple.fr']);
  });

  it('says when the daily limit is reached, and loses nothing', async () => {
    const { user, dialog } = await openInviteDialog([
      inviteMock([input({ email: 'lea.moreau@exemple.fr', firstName: 'Léa', lastName: 'Moreau', scopes: ['COURRIER'] })], {
        errors: [new GraphQLError('limit', { extensions: { code: 'RATE_LIMITED', limit: 100, remaining: 0 } })],
      }),
    ]);
    await fillRow(user, rowsOf(dialog)[0]!, {
      email: 'lea.moreau@exemple.fr',
      firstName: 'Léa',
      lastName: 'Moreau',
      role: 'Gestion de courrier',
    });
    await user.click(within(dialog).getByRole('button', { name: 'Envoyer l’invitation' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('une entreprise peut envoyer 100 invitations par jour, et il en reste 0 aujourd’hui');
    expect(field(rowsOf(dialog)[0]!, t.row.email)).toHaveValue('lea.moreau@exemple.fr');
  });

  it('shows BATCH_TOO_LARGE with the shared message', async () => {
    const { user, dialog } = await openInviteDialog([
      inviteMock([input({ email: 'lea.moreau@exemple.fr', firstName: 'Léa', lastName: 'Moreau', scopes: ['COURRIER'] })], {
        errors: [new GraphQLError('too many', { extensions: { code: 'BATCH_TOO_LARGE', max: 50 } })],
      }),
    ]);
    await fillRow(user, rowsOf(dialog)[0]!, {
      email: 'lea.moreau@exemple.fr',
      firstName: 'Léa',
      lastName: 'Moreau',
      role: 'Gestion de courrier',
    });
    await user.click(within(dialog).getByRole('button', { name: 'Envoyer l’invitation' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(normalized(ERROR_MESSAGES.BATCH_TOO_LARGE.fr));
  });

  it('closes after a batch that is all sent, says so, and shows the invitations', async () => {
    const lea = buildInvitation({ email: 'lea.moreau@exemple.fr' });
    const { user, dialog } = await openInviteDialog([
      inviteMock(
        [input({ email: 'lea.moreau@exemple.fr', firstName: 'Léa', lastName: 'Moreau', scopes: ['ADMIN'], contactFor: ['FACTURATION'] })],
        {
          rows: [invited(0, lea)],
        },
      ),
    ]);
    const [row] = rowsOf(dialog);
    await fillRow(user, row!, { email: 'lea.moreau@exemple.fr', firstName: 'Léa', lastName: 'Moreau', role: 'Administrateur' });
    await user.click(within(row!).getByRole('checkbox', { name: 'Facturation' }));
    await user.click(within(dialog).getByRole('button', { name: 'Envoyer l’invitation' }));
    expect(await screen.findByText('1 invitation envoyée. Elle apparaît dans la liste des invitations.')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(screen.getByRole('tab', { name: /Invitations/ })).toHaveAttribute('aria-selected', 'true'));
    expect(screen.getByRole('button', { name: teamFr.page.invite })).toHaveFocus();
  });

  it('limits "contact for" to the areas of the chosen role', async () => {
    const { user, dialog } = await openInviteDialog();
    const [row] = rowsOf(dialog);
    expect(within(row!).queryAllByRole('checkbox')).toHaveLength(0);
    await user.selectOptions(field(row!, t.row.role), 'Gestion de courrier');
    expect(
      within(row!)
        .getAllByRole('checkbox')
        .map((box) => box.closest('label')?.textContent),
    ).toEqual(['Courrier']);
    await user.selectOptions(field(row!, t.row.role), 'CUSTOM');
    await user.click(within(row!).getByRole('checkbox', { name: 'Formalités' }));
    const contact = within(row!).getByRole('group', { name: teamFr.contactFor.legend });
    expect(
      within(contact)
        .getAllByRole('checkbox')
        .map((box) => box.closest('label')?.textContent),
    ).toEqual(['Formalités']);
  });
});
