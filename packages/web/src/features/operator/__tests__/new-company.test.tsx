import type { MockLink } from '@apollo/client/testing';
import { validationMessage } from '@guichet/shared';
import { configure, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { operatorFr } from '@/locales/operator/fr';
import { buildViewer } from '@/testing/fixtures';
import { normalized, renderApp } from '@/testing/test-utils';
import { CreateCompanyDocument, type CreateCompanyMutation } from '../api/generated';

// The page is a lazily loaded chunk: leave room on a busy machine.
configure({ asyncUtilTimeout: 5000 });

const t = operatorFr;
const staff = buildViewer({ isStaff: true, firstName: 'Olivia', lastName: 'Robert' });

const INPUT = {
  name: 'Atelier Lumière',
  siret: '55210055400005',
  address: { line1: '3 quai des Chartrons', line2: null, postalCode: '33000', city: 'Bordeaux', country: 'FR' },
  firstAdmin: {
    email: 'claire.fontaine@atelier-lumiere.fr',
    firstName: 'Claire',
    lastName: 'Fontaine',
    phone: '+33612345678',
    jobTitle: 'Gérante',
  },
};

const CREATED: CreateCompanyMutation['createCompany'] = {
  __typename: 'Company',
  id: 'company-new',
  name: 'Atelier Lumière',
  siret: '55210055400005',
  hasAdministrator: false,
  pendingAdminInvitation: {
    __typename: 'Invitation',
    id: 'invitation-1',
    email: 'claire.fontaine@atelier-lumiere.fr',
    firstName: 'Claire',
    lastName: 'Fontaine',
    status: 'PENDING',
    expiresAt: '2026-03-12T10:00:00.000Z',
    sentCount: 1,
    lastSentAt: '2026-03-05T10:00:00.000Z',
  },
};

function createMock(result: MockLink.MockedResponse['result']): MockLink.MockedResponse {
  return { request: { query: CreateCompanyDocument, variables: { input: INPUT } }, result };
}

async function fillForm(user: ReturnType<typeof userEvent.setup>) {
  await user.type(await screen.findByLabelText(t.newCompany.name), 'Atelier Lumière');
  await user.type(screen.getByLabelText(t.newCompany.siret, { exact: false }), '552 100 554 00005');
  await user.type(screen.getByLabelText(t.newCompany.line1, { exact: false }), '3 quai des Chartrons');
  await user.type(screen.getByLabelText(t.newCompany.postalCode), '33000');
  await user.type(screen.getByLabelText(t.newCompany.city), 'Bordeaux');
  await user.type(screen.getByLabelText(t.firstAdmin.email, { exact: false }), 'claire.fontaine@atelier-lumiere.fr');
  await user.type(screen.getByLabelText(t.firstAdmin.firstName), 'Claire');
  await user.type(screen.getByLabelText(t.firstAdmin.lastName), 'Fontaine');
  await user.type(screen.getByLabelText(t.firstAdmin.phone, { exact: false }), '06 12 34 56 78');
  await user.type(screen.getByLabelText(t.firstAdmin.jobTitle, { exact: false }), 'Gérante');
}

describe('operator: Nouvelle société', () => {
  it('is reached from the operator navigation and the companies list', async () => {
    const user = userEvent.setup();
    const { router } = renderApp('/operator', { viewer: staff });
    const nav = await screen.findByRole('navigation', { name: t.nav.label });
    expect(nav).toHaveTextContent(t.nav.companies);
    await user.click(screen.getByRole('link', { name: t.companies.new }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/operator/companies/new'));
    expect(await screen.findByRole('heading', { level: 1, name: t.newCompany.title })).toBeInTheDocument();
  });

  it('checks the fields live with the shared rules and sends nothing while some are wrong', async () => {
    const user = userEvent.setup();
    renderApp('/operator/companies/new', { viewer: staff });
    const email = await screen.findByLabelText(t.firstAdmin.email, { exact: false });
    await user.type(email, 'contact@atelier-lumiere.fr');
    await user.tab();
    expect(await screen.findByText(normalized(validationMessage('EMAIL_GENERIC_MAILBOX', 'fr')))).toBeInTheDocument();
    expect(email).toHaveAttribute('aria-invalid', 'true');

    await user.clear(email);
    await user.type(email, 'claire@gmail.con');
    await user.tab();
    expect(await screen.findByRole('button', { name: 'claire@gmail.com' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'claire@gmail.com' }));
    expect(email).toHaveValue('claire@gmail.com');

    const siret = screen.getByLabelText(t.newCompany.siret, { exact: false });
    await user.type(siret, '55210055400026');
    await user.tab();
    expect(await screen.findByText(normalized(validationMessage('SIRET_CHECKSUM', 'fr')))).toBeInTheDocument();

    // Sending shows every remaining error and puts the focus on the first one; no request leaves (none is mocked).
    await user.click(screen.getByRole('button', { name: t.newCompany.submit }));
    expect(screen.getByLabelText(t.newCompany.name)).toHaveFocus();
    expect(screen.getByText(normalized(validationMessage('COMPANY_NAME_REQUIRED', 'fr')))).toBeInTheDocument();
    expect(screen.getByText(normalized(validationMessage('ADDRESS_LINE_REQUIRED', 'fr')))).toBeInTheDocument();
    expect(screen.getAllByText(normalized(validationMessage('NAME_REQUIRED', 'fr')))).toHaveLength(2);
  });

  it('creates the company and says where the invitation went and until when it works', async () => {
    const user = userEvent.setup();
    renderApp('/operator/companies/new', { viewer: staff, mocks: [createMock({ data: { createCompany: CREATED } })] });
    await fillForm(user);
    // The SIRET is shown grouped once it is valid.
    expect(screen.getByLabelText(t.newCompany.siret, { exact: false })).toHaveValue('552 100 554 00005');
    await user.click(screen.getByRole('button', { name: t.newCompany.submit }));

    const done = await screen.findByRole('heading', { level: 2, name: 'Atelier Lumière est créée' });
    expect(done).toHaveFocus();
    expect(
      screen.getByText(normalized('L’invitation a été envoyée à claire.fontaine@atelier-lumiere.fr ; elle expire le 12 mars 2026.')),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: t.newCompany.another }));
    expect(await screen.findByLabelText(t.newCompany.name)).toHaveValue('');
  });

  it('shows the API’s field errors on their fields, and keeps what was typed', async () => {
    const user = userEvent.setup();
    renderApp('/operator/companies/new', {
      viewer: staff,
      mocks: [
        createMock({
          errors: [
            new GraphQLError('Invalid input', {
              extensions: { code: 'VALIDATION_FAILED', fields: [{ field: 'firstAdmin.email', code: 'EMAIL_SEND_LIMIT' }] },
            }),
          ],
        }),
        createMock({
          errors: [new GraphQLError('A company with this SIRET already exists.', { extensions: { code: 'CONFLICT', field: 'siret' } })],
        }),
      ],
    });
    await fillForm(user);
    await user.click(screen.getByRole('button', { name: t.newCompany.submit }));
    expect(await screen.findByText(normalized(validationMessage('EMAIL_SEND_LIMIT', 'fr')))).toBeInTheDocument();
    const email = screen.getByLabelText(t.firstAdmin.email, { exact: false });
    expect(email).toHaveFocus();
    expect(email).toHaveValue('claire.fontaine@atelier-lumiere.fr');
    expect(screen.getByText(normalized(t.newCompany.fixFields))).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: t.newCompany.submit }));
    expect(await screen.findByText(t.newCompany.siretTaken)).toBeInTheDocument();
    expect(screen.getByLabelText(t.newCompany.siret, { exact: false })).toHaveFocus();
    expect(screen.queryByText(normalized(validationMessage('EMAIL_SEND_LIMIT', 'fr')))).toBeNull();
  });
});
