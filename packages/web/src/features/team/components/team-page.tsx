import { useQuery } from '@apollo/client/react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadFailed } from '@/components/errors';
import { useSearchParams } from 'react-router';
import { PageHeader } from '@/components/layouts';
import { Alert, Button, Spinner, Tabs } from '@/components/ui';
import { useViewer } from '@/lib/auth';
import { useCan, useCurrentMembership } from '@/lib/authorization';
import { TeamDocument } from '../api/generated';
import { useTeamTranslation } from '../hooks/use-team-translation';
import { AccessRequests } from './access-requests';
import { InvitationsTable } from './invitations-table';
import { InviteDialog } from './invite-dialog';
import { MembersTable } from './members-table';

const TABS = ['members', 'invitations', 'requests'] as const;
type TabKey = (typeof TABS)[number];

const parseTab = (value: string | null): TabKey => ((TABS as readonly string[]).includes(value ?? '') ? (value as TabKey) : 'members');

/**
 * Mon équipe: members, invitations and access requests of the company in the URL. Every action
 * appears only when the member's scopes allow it (team:invite, team:manage), as the API checks.
 */
export function TeamPage() {
  const { t } = useTeamTranslation();
  const { t: tApp } = useTranslation();
  const membership = useCurrentMembership();
  const viewer = useViewer();
  const allowed = useCan();
  const [params, setParams] = useSearchParams();
  const tab = parseTab(params.get('tab'));
  const [inviteOpen, setInviteOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const inviteButton = useRef<HTMLButtonElement>(null);
  const companyId = membership?.company.id ?? '';
  const companyName = membership?.company.name ?? '';
  const { data, error, loading, refetch } = useQuery(TeamDocument, {
    variables: { companyId },
    skip: !membership,
    // Others may have joined, or accepted, since the last visit.
    fetchPolicy: 'cache-and-network',
  });

  const canInvite = allowed('team:invite');
  const canManage = allowed('team:manage');
  const company = data?.company;
  const members = company?.members ?? [];
  const invitations = company?.invitations ?? [];
  const requests = company?.accessRequests ?? [];
  const inviterName = viewer ? `${viewer.user.firstName} ${viewer.user.lastName}`.trim() : '';

  const selectTab = (key: TabKey) => {
    setParams(
      () => {
        // Filters belong to the members tab; another tab starts clean.
        const next = new URLSearchParams();
        if (key !== 'members') next.set('tab', key);
        return next;
      },
      { replace: true },
    );
  };

  // What the tab counts is what calls for something in its list: pending links, expired ones (to
  // resend) and withdrawn ones whose invitee asked for a new link.
  const openInvitations = invitations.filter(
    (invitation) =>
      invitation.status === 'PENDING' ||
      invitation.status === 'EXPIRED' ||
      (invitation.status === 'REVOKED' && invitation.newLinkRequestedAt !== null),
  ).length;
  const pendingRequests = requests.filter((request) => request.status === 'PENDING').length;

  return (
    <>
      <PageHeader
        title={tApp('pages.team.title')}
        description={tApp('pages.team.body')}
        actions={
          canInvite ? (
            <Button ref={inviteButton} onClick={() => setInviteOpen(true)}>
              {t('page.invite')}
            </Button>
          ) : null
        }
      />
      <div role="status" className="page-notice">
        {notice ? (
          <Alert tone="success" live="off">
            {notice}
          </Alert>
        ) : null}
      </div>

      {!company && loading ? (
        <Spinner label={t('page.loading')} />
      ) : !company ? (
        <LoadFailed title={t('page.loadFailed')} error={error} onRetry={() => void refetch()} />
      ) : (
        <Tabs
          label={t('page.tabs')}
          selected={tab}
          onSelect={selectTab}
          items={[
            { key: 'members', label: t('page.members'), count: members.length },
            { key: 'invitations', label: t('page.invitations'), count: openInvitations },
            { key: 'requests', label: t('page.requests'), count: pendingRequests },
          ]}
        >
          {tab === 'members' ? (
            <MembersTable
              members={members}
              companyId={companyId}
              companyName={companyName}
              viewerUserId={viewer?.user.id ?? null}
              canManage={canManage}
              onNotice={setNotice}
            />
          ) : tab === 'invitations' ? (
            <InvitationsTable
              invitations={invitations}
              companyId={companyId}
              companyName={companyName}
              canManage={canManage}
              onNotice={setNotice}
            />
          ) : (
            <AccessRequests
              requests={requests}
              companyId={companyId}
              companyName={companyName}
              canManage={canManage}
              onNotice={setNotice}
            />
          )}
        </Tabs>
      )}

      {canInvite && company ? (
        <InviteDialog
          open={inviteOpen}
          onClose={() => setInviteOpen(false)}
          companyId={companyId}
          members={members}
          inviterName={inviterName}
          onInvited={(message) => {
            setNotice(message);
            selectTab('invitations');
          }}
          returnFocusRef={inviteButton}
        />
      ) : null}
    </>
  );
}
