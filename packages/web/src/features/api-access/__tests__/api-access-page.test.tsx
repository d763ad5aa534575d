import { PERMISSION_LABELS, ROLE_SCOPES, validationMessage } from '@guichet/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import type { MockLink } from '@apollo/client/testing';
import { fr } from '@/locales/fr';
import { apiAccessEn } from '@/locales/api-access/en';
import { apiAccessFr } from '@/locales/api-access/fr';
import { buildMembership, buildViewer } from '@/testing/fixtures';
import { findPageTitle, normalized, renderApp } from '@/testing/test-utils';
import { CreateApiTokenDocument, RevokeApiTokenDocument, RotateApiTokenDocument } from '../api/generated';
import { buildToken, tokensMock } from './token-fixtures';

const t = apiAccessFr;
const admin = buildViewer({ memberships: [buildMembership(['ADMIN'], { id: 'acme', name: 'ACME SAS' })] });
const SECRET = 'gct_0042Zr7vQ3mK8pL2xN9sT4wY6bD1fH5jA0cEu7Rk';

const compta = buildToken({
  name: 'Export comptable',
  prefix: 'gct_7f3aK9pQ',
  lastUsedAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
  lastUsedIp: '203.0.113.7',
  allowedIps: ['203.0.113.0/24'],
});
const ged = buildToken({
  name: 'GED',
  preset: null,
  permissions: ['COMPANY_READ', 'MAIL_READ', 'INVOICE_READ'],
  createdByName: null,
});
const rotating = buildToken({
  name: 'Ancien secret',
  status: 'ROTATING',
  graceEndsAt: new Date(Date.now() + 20 * 3_600_000).toISOString(),
});
const revoked = buildToken({
  name: 'Ancienne intégration',
  status: 'REVOKED',
  revokedAt: '2026-04-01T10:00:00.000Z',
  revokedReason: 'CREATOR_REMOVED',
});
const expired = buildToken({ name: 'Essai', status: 'EXPIRED', expiresAt: '2026-01-01T09:00:00.000Z' });

async function renderSettings(mocks: MockLink.MockedResponse[] = [], tokens = [compta, ged, rotating, revoked, expired]) {
  const user = userEvent.setup();
  const view = renderApp('/c/acme/settings', { viewer: admin, mocks: [tokensMock('acme', tokens), ...mocks] });
  expect(await findPageTitle()).toHaveTextContent(fr.pages.settings.title);
  await screen.findByRole('heading', { level: 2, name: t.section.title });
  await screen.findByRole('button', { name: t.section.create }); // the tokens are in
  return { user, ...view };
}

const activeTable = () => screen.getByRole('table', { name: t.list.caption.replace('{{company}}', 'ACME SAS') });
const rowOf = (name: string) => screen.getByRole('rowheader', { name: new RegExp(`^${name}`) }).closest('tr') as HTMLElement;

describe('Paramètres › Accès API: the list', () => {
  it('shows each live token with its prefix, permissions, creator, last use, expiry and status', async () => {
    await renderSettings();
    const table = await waitFor(activeTable);
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toEqual(Object.values(t.list.columns));
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((cell) => cell.querySelector('.table__name')?.textContent),
    ).toEqual(['Export comptable', 'GED', 'Ancien secret']);

    const row = rowOf('Export comptable');
    expect(row.querySelector('code')).toHaveTextContent('gct_7f3aK9pQ…');
    expect(row).toHaveTextContent(t.presets.MAIL_READ_ONLY.label);
    expect(row).toHaveTextContent('par Camille Martin');
    expect(row).toHaveTextContent('il y a 2 heures');
    expect(row).toHaveTextContent('depuis 203.0.113.7');
    expect(row).toHaveTextContent('Limité à 1 adresse IP');
    expect(row).toHaveTextContent(t.statuses.ACTIVE);
    expect(within(row).getByRole('button', { name: 'Renouveler le secret de Export comptable' })).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: 'Révoquer Export comptable' })).toBeInTheDocument();

    // A custom set is listed permission by permission; an unknown creator is said so.
    const custom = rowOf('GED');
    expect(custom).toHaveTextContent(t.list.custom);
    for (const permission of ['company:read', 'mail:read', 'invoice:read'] as const) {
      expect(custom).toHaveTextContent(PERMISSION_LABELS[permission].fr);
    }
    expect(custom).toHaveTextContent(t.list.neverUsed);
    expect(custom).toHaveTextContent(normalized(t.list.createdByUnknown));

    // A token being replaced may still be revoked, not rotated again.
    const old = rowOf('Ancien secret');
    expect(old).toHaveTextContent(t.statuses.ROTATING);
    expect(old).toHaveTextContent(/Ancien secret accepté jusqu’au/);
    expect(within(old).queryByRole('button', { name: /Renouveler/ })).toBeNull();
    expect(within(old).getByRole('button', { name: 'Révoquer Ancien secret' })).toBeInTheDocument();
  });

  it('folds revoked and expired tokens away, greyed and without actions', async () => {
    const { user } = await renderSettings();
    const summary = screen.getByText('Jetons inactifs (2)');
    const details = summary.closest('details') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    await user.click(summary);
    expect(details.open).toBe(true);
    const inactive = within(details).getByRole('table', { name: 'Jetons inactifs de ACME SAS' });
    expect(inactive).toHaveClass('is-inactive');
    expect(within(inactive).getAllByRole('rowheader')).toHaveLength(2);
    expect(within(inactive).queryByRole('button')).toBeNull();
    const gone = within(inactive)
      .getByRole('rowheader', { name: /^Ancienne intégration/ })
      .closest('tr') as HTMLElement;
    expect(gone).toHaveTextContent(`${t.statuses.REVOKED}Révoqué le 1 avr. 2026 — ${normalized(t.list.revokedReasons.CREATOR_REMOVED)}`);
    expect(
      within(inactive)
        .getByRole('rowheader', { name: /^Essai/ })
        .closest('tr'),
    ).toHaveTextContent(t.statuses.EXPIRED);
  });

  it('says how to use a token and links to the playground served by the API', async () => {
    await renderSettings();
    const usage = screen.getByRole('region', { name: t.usage.title });
    expect(usage).toHaveTextContent('Authorization: Bearer <jeton>');
    expect(usage).toHaveTextContent(/curl -s http:\/\/localhost\/graphql -H 'Authorization: Bearer <jeton>'/);
    expect(within(usage).getByRole('link', { name: t.usage.playground })).toHaveAttribute('href', '/playground');
  });

  it('speaks English when the person does', async () => {
    const viewer = buildViewer({ locale: 'EN', memberships: admin.memberships });
    renderApp('/c/acme/settings', { viewer, mocks: [tokensMock('acme', [compta])], locale: 'en' });
    expect(await findPageTitle()).toHaveTextContent('Settings');
    await screen.findByRole('button', { name: apiAccessEn.section.create });
    expect(screen.getByRole('heading', { level: 2, name: apiAccessEn.section.title })).toBeInTheDocument();
    expect(rowOf('Export comptable')).toHaveTextContent(apiAccessEn.presets.MAIL_READ_ONLY.label);
    expect(rowOf('Export comptable')).toHaveTextContent('from 203.0.113.7');
    expect(screen.getByRole('link', { name: apiAccessEn.usage.playground })).toHaveAttribute('href', '/playground');
  });

  it('keeps members who do not manage tokens out of the page, with no request', async () => {
    renderApp('/c/acme/settings', {
      viewer: buildViewer({ memberships: [buildMembership(ROLE_SCOPES.GESTION_COURRIER, { id: 'acme', name: 'ACME SAS' })] }),
    });
    expect(await findPageTitle()).toHaveTextContent(fr.errors.noAccess.title);
    expect(screen.queryByRole('heading', { name: t.section.title })).toBeNull();
  });
});

describe('Paramètres › Accès API: creating a token', () => {
  const input = {
    name: 'Intégration comptable',
    permissions: ['COMPANY_READ', 'MAIL_READ', 'MAIL_DOWNLOAD'],
    expiresInDays: 90,
    allowedIps: ['203.0.113.0/24'],
  };
  const created = buildToken({ id: 'token-new', name: 'Intégration comptable', prefix: 'gct_0042Zr7v', allowedIps: ['203.0.113.0/24'] });

  it('creates it with a preset and shows the secret once, with a working "Copier"', async () => {
    const { user, client } = await renderSettings([
      {
        request: { query: CreateApiTokenDocument, variables: { companyId: 'acme', input } },
        result: { data: { createApiToken: { __typename: 'IssuedApiToken', secret: SECRET, token: created } } },
      },
    ]);
    const opener = screen.getByRole('button', { name: t.section.create });
    await user.click(opener);
    const dialog = screen.getByRole('dialog', { name: t.create.title });
    const name = within(dialog).getByLabelText(t.create.name);
    expect(name).toHaveFocus();
    await user.type(name, 'Intégration comptable');
    // Presets are radio cards; "Personnalisé" opens the permissions one by one, starting from the preset.
    expect(within(dialog).getByRole('radio', { name: /^Courrier lecture seule/ })).toBeChecked();
    await user.click(within(dialog).getByRole('radio', { name: /^Personnalisé/ }));
    const custom = within(dialog).getByRole('group', { name: t.create.customLegend });
    expect(
      within(custom)
        .getAllByRole('checkbox', { checked: true })
        .map((box) => box.closest('label')?.querySelector('.check__label')?.textContent),
    ).toEqual([PERMISSION_LABELS['company:read'].fr, PERMISSION_LABELS['mail:read'].fr, PERMISSION_LABELS['mail:download'].fr]);
    expect(within(custom).getByRole('checkbox', { name: new RegExp(PERMISSION_LABELS['company:read'].fr) })).toBeDisabled();
    expect(within(custom).queryByRole('checkbox', { name: /signer/i })).toBeNull();
    await user.click(within(dialog).getByRole('radio', { name: /^Courrier lecture seule/ }));
    expect(within(dialog).getByLabelText(t.create.expiry)).toHaveValue('90');
    await user.type(within(dialog).getByLabelText(t.create.ips), '203.0.113.0/24');
    await user.click(within(dialog).getByRole('button', { name: t.create.submit }));

    const secretDialog = await screen.findByRole('dialog', { name: /^Jeton .+Intégration comptable.+ créé$/ });
    expect(secretDialog).toHaveAccessibleDescription(expect.stringContaining('Il ne sera plus jamais affiché'));
    const field = within(secretDialog).getByLabelText(t.secret.label);
    expect(field).toHaveValue(SECRET);
    expect(field).toHaveAttribute('readonly');
    expect(field).toHaveFocus();
    await user.click(within(secretDialog).getByRole('button', { name: t.secret.copy }));
    expect(await within(secretDialog).findByRole('button', { name: t.secret.copied })).toBeInTheDocument();
    expect(within(secretDialog).getByRole('status')).toHaveTextContent(t.secret.copiedNotice);
    await expect(navigator.clipboard.readText()).resolves.toBe(SECRET);

    // Closing asks nothing; the secret is gone from the page, the token is in the list.
    await user.click(within(secretDialog).getByRole('button', { name: t.secret.close }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByDisplayValue(SECRET)).toBeNull();
    expect(document.body).not.toHaveTextContent(SECRET);
    expect(JSON.stringify(client.cache.extract())).not.toContain(SECRET);
    expect(rowOf('Intégration comptable')).toHaveTextContent('gct_0042Zr7v…');
    expect(screen.getByText(normalized('Jeton « Intégration comptable » créé.'))).toBeInTheDocument();
    expect(opener).toHaveFocus();
  });

  it('falls back to selecting the secret when the clipboard is refused', async () => {
    const { user } = await renderSettings([
      {
        request: { query: CreateApiTokenDocument, variables: { companyId: 'acme', input: { ...input, allowedIps: [] } } },
        result: { data: { createApiToken: { __typename: 'IssuedApiToken', secret: SECRET, token: created } } },
      },
    ]);
    await user.click(screen.getByRole('button', { name: t.section.create }));
    const dialog = screen.getByRole('dialog', { name: t.create.title });
    await user.type(within(dialog).getByLabelText(t.create.name), 'Intégration comptable');
    await user.click(within(dialog).getByRole('button', { name: t.create.submit }));
    const secretDialog = await screen.findByRole('dialog', { name: /Intégration comptable/ });
    const refuse = jest.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new DOMException('denied', 'NotAllowedError'));
    await user.click(within(secretDialog).getByRole('button', { name: t.secret.copy }));
    const field = within(secretDialog).getByLabelText(t.secret.label) as HTMLInputElement;
    await waitFor(() => expect(field).toHaveFocus());
    expect([field.selectionStart, field.selectionEnd]).toEqual([0, SECRET.length]);
    expect(within(secretDialog).getByRole('status')).toHaveTextContent(normalized(t.secret.copyFallback));
    refuse.mockRestore();
  });

  it('checks the fields as they are filled in, with the shared rules, and sends nothing invalid', async () => {
    const { user } = await renderSettings();
    await user.click(screen.getByRole('button', { name: t.section.create }));
    const dialog = screen.getByRole('dialog', { name: t.create.title });
    const ips = within(dialog).getByLabelText(t.create.ips);
    await user.type(ips, '203.0.113.7{Enter}300.1.2.3');
    await user.tab();
    expect(ips).toHaveAttribute('aria-invalid', 'true');
    expect(ips).toHaveAccessibleDescription(expect.stringContaining(validationMessage('TOKEN_IP_RANGE_INVALID', 'fr')));

    await user.click(within(dialog).getByRole('radio', { name: /^Personnalisé/ }));
    const custom = within(dialog).getByRole('group', { name: t.create.customLegend });
    for (const box of within(custom).getAllByRole('checkbox', { checked: true }))
      if (!(box as HTMLInputElement).disabled) await user.click(box);
    const permissions = within(dialog).getByRole('group', { name: t.create.permissions });
    expect(permissions).toHaveAccessibleDescription(validationMessage('TOKEN_PERMISSIONS_REQUIRED', 'fr'));

    // Submitting shows the name's error too and moves focus to the first field to correct.
    await user.click(within(dialog).getByRole('button', { name: t.create.submit }));
    const name = within(dialog).getByLabelText(t.create.name);
    expect(name).toHaveFocus();
    expect(name).toHaveAccessibleDescription(expect.stringContaining(validationMessage('TOKEN_NAME_REQUIRED', 'fr')));

    // Fixing the line clears its error at once.
    await user.clear(ips);
    await user.type(ips, '203.0.113.7{Enter}2001:db8::/32');
    expect(ips).not.toHaveAttribute('aria-invalid');
    expect(within(dialog).getByText('2 adresses ou plages')).toBeInTheDocument();
  });

  it('puts the API’s field errors on their fields and keeps everything typed', async () => {
    const { user } = await renderSettings([
      {
        request: {
          query: CreateApiTokenDocument,
          variables: {
            companyId: 'acme',
            input: {
              name: 'GED',
              permissions: ['COMPANY_READ', 'MAIL_READ', 'MAIL_EXPORT'],
              expiresInDays: 366,
              allowedIps: ['198.51.100.7/32'],
            },
          },
        },
        result: {
          errors: [
            new GraphQLError('invalid', {
              extensions: {
                code: 'VALIDATION_FAILED',
                fields: [
                  { field: 'permissions', code: 'TOKEN_PERMISSION_NOT_ALLOWED' },
                  { field: 'allowedIps', code: 'TOKEN_TOO_MANY_IP_RANGES' },
                ],
              },
            }),
          ],
        },
      },
    ]);
    await user.click(screen.getByRole('button', { name: t.section.create }));
    const dialog = screen.getByRole('dialog', { name: t.create.title });
    await user.type(within(dialog).getByLabelText(t.create.name), 'GED');
    await user.click(within(dialog).getByRole('radio', { name: /^Personnalisé/ }));
    const custom = within(dialog).getByRole('group', { name: t.create.customLegend });
    await user.click(within(custom).getByRole('checkbox', { name: PERMISSION_LABELS['mail:download'].fr }));
    await user.click(within(custom).getByRole('checkbox', { name: PERMISSION_LABELS['mail:export'].fr }));
    await user.selectOptions(within(dialog).getByLabelText(t.create.expiry), '366');
    await user.type(within(dialog).getByLabelText(t.create.ips), '198.51.100.7');
    await user.click(within(dialog).getByRole('button', { name: t.create.submit }));

    const permissions = within(dialog).getByRole('group', { name: t.create.permissions });
    await waitFor(() => expect(permissions).toHaveAccessibleDescription(validationMessage('TOKEN_PERMISSION_NOT_ALLOWED', 'fr')));
    const ips = within(dialog).getByLabelText(t.create.ips);
    expect(ips).toHaveAccessibleDescription(expect.stringContaining(validationMessage('TOKEN_TOO_MANY_IP_RANGES', 'fr')));
    expect(within(dialog).getByRole('alert')).toHaveTextContent(normalized(t.create.fixFields));
    // Nothing typed is lost, and focus is on the first field to correct.
    expect(within(dialog).getByLabelText(t.create.name)).toHaveValue('GED');
    expect(within(dialog).getByRole('radio', { name: /^Personnalisé/ })).toHaveFocus();
    expect(within(custom).getByRole('checkbox', { name: PERMISSION_LABELS['mail:export'].fr })).toBeChecked();
    expect(within(dialog).getByLabelText(t.create.expiry)).toHaveValue('366');
    expect(ips).toHaveValue('198.51.100.7');
    // Changing a field clears the API's verdict on it.
    await user.type(ips, '{Enter}198.51.100.8');
    expect(ips).not.toHaveAttribute('aria-invalid');
  });
});

describe('Paramètres › Accès API: revoking a token', () => {
  it('asks first, saying it is immediate and definitive, then moves the token to the inactive ones', async () => {
    const { user } = await renderSettings(
      [
        {
          request: { query: RevokeApiTokenDocument, variables: { companyId: 'acme', tokenId: compta.id } },
          result: {
            data: {
              revokeApiToken: { ...compta, status: 'REVOKED', revokedAt: new Date().toISOString(), revokedReason: 'REVOKED' },
            },
          },
        },
      ],
      [compta, ged],
    );
    await user.click(screen.getByRole('button', { name: 'Révoquer Export comptable' }));
    const confirm = screen.getByRole('dialog', { name: /^Révoquer .+Export comptable.+\?$/ });
    expect(confirm).toHaveAccessibleDescription(expect.stringContaining('cesse de fonctionner immédiatement'));
    expect(confirm).toHaveAccessibleDescription(expect.stringContaining('C’est définitif'));
    expect(within(confirm).getByRole('button', { name: fr.form.cancel })).toHaveFocus();
    await user.click(within(confirm).getByRole('button', { name: t.revoke.confirm }));

    expect(await screen.findByText(normalized('Jeton « Export comptable » révoqué : il ne fonctionne plus.'))).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(within(activeTable()).queryByRole('rowheader', { name: /^Export comptable/ })).toBeNull();
    const details = screen.getByText('Jeton inactif (1)').closest('details') as HTMLElement;
    expect(
      within(details)
        .getByRole('rowheader', { name: /^Export comptable/ })
        .closest('tr'),
    ).toHaveTextContent(`${t.statuses.REVOKED}Révoqué le`);
    expect(screen.getByRole('heading', { level: 2, name: t.section.title })).toHaveFocus();
  });

  it('leaves the token alone when the confirmation is cancelled', async () => {
    const { user } = await renderSettings([], [compta]);
    const revoke = screen.getByRole('button', { name: 'Révoquer Export comptable' });
    await user.click(revoke);
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: fr.form.cancel }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(rowOf('Export comptable')).toHaveTextContent(t.statuses.ACTIVE);
    expect(revoke).toHaveFocus();
  });
});

describe('Paramètres › Accès API: rotating a secret', () => {
  it('explains each transition period, then shows the new secret once', async () => {
    const renewed = buildToken({ id: 'token-renewed', name: compta.name, prefix: 'gct_9b1eW2xL', rotatedFromId: compta.id });
    const graceEndsAt = new Date(Date.now() + 3_600_000).toISOString();
    const { user } = await renderSettings(
      [
        {
          request: { query: RotateApiTokenDocument, variables: { companyId: 'acme', tokenId: compta.id, graceHours: 1 } },
          result: { data: { rotateApiToken: { __typename: 'IssuedApiToken', secret: SECRET, token: renewed } } },
        },
        tokensMock('acme', [renewed, { ...compta, status: 'ROTATING', graceEndsAt }]),
      ],
      [compta],
    );
    await user.click(screen.getByRole('button', { name: 'Renouveler le secret de Export comptable' }));
    const dialog = screen.getByRole('dialog', { name: /^Renouveler le secret de .+Export comptable/ });
    const grace = within(dialog).getByRole('group', { name: t.rotate.graceLegend });
    expect(
      within(grace)
        .getAllByRole('radio')
        .map((radio) => radio.closest('label')?.querySelector('.check__label')?.textContent),
    ).toEqual(Object.values(t.rotate.graces).map((choice) => choice.label));
    expect(within(grace).getByRole('radio', { name: /^24 heures/ })).toBeChecked();
    expect(within(grace).getByRole('radio', { name: /^Aucun/ })).toHaveAccessibleName(expect.stringContaining('immédiatement'));
    await user.click(within(grace).getByRole('radio', { name: /^1 heure/ }));
    await user.click(within(dialog).getByRole('button', { name: t.rotate.submit }));

    const secretDialog = await screen.findByRole('dialog', { name: /^Nouveau secret pour .+Export comptable/ });
    expect(within(secretDialog).getByLabelText(t.secret.label)).toHaveValue(SECRET);
    expect(secretDialog).toHaveTextContent(/L’ancien secret reste accepté jusqu’au/);
    await user.click(within(secretDialog).getByRole('button', { name: t.secret.close }));
    expect(screen.queryByDisplayValue(SECRET)).toBeNull();
    // The list as the API now tells it: the new token active, the old one in transition.
    await waitFor(() => expect(within(activeTable()).getAllByRole('rowheader')).toHaveLength(2));
    const rows = within(activeTable())
      .getAllByRole('rowheader')
      .map((cell) => cell.closest('tr') as HTMLElement);
    expect(rows[0]).toHaveTextContent('gct_9b1eW2xL…');
    expect(rows[0]).toHaveTextContent(t.list.rotatedFrom);
    expect(rows[1]).toHaveTextContent(t.statuses.ROTATING);
    expect(within(rows[1]!).queryByRole('button', { name: /Renouveler/ })).toBeNull();
  });
});
