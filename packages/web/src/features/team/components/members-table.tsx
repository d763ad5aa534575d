import {
  CONTACT_SUBJECT_LABELS,
  isLastActiveAdmin,
  ROLE_LABELS,
  ROLES,
  roleOf,
  scopesLabel,
  formatPhone,
  type Role,
} from '@guichet/shared';
import { useId, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Badge, Button, SelectField } from '@/components/ui';
import { formatDateTime, formatRelative } from '@/lib/format';
import { useMediaQuery } from '@/hooks/use-media-query';
import { localeOf } from '@/lib/i18n';
import type { TeamMemberFragment } from '../api/generated';
import { useTeamTranslation } from '../hooks/use-team-translation';
import { MemberDialog } from './member-dialog';

const STATUS_FILTERS = ['ACTIVE', 'SUSPENDED'] as const;
type StatusFilter = (typeof STATUS_FILTERS)[number];
type RoleFilter = Role | 'CUSTOM';

function parseStatus(value: string | null): StatusFilter | null {
  return (STATUS_FILTERS as readonly string[]).includes(value ?? '') ? (value as StatusFilter) : null;
}

function parseRole(value: string | null): RoleFilter | null {
  if (value === 'CUSTOM') return 'CUSTOM';
  return (ROLES as readonly string[]).includes(value ?? '') ? (value as Role) : null;
}

export interface MembersTableProps {
  members: readonly TeamMemberFragment[];
  companyId: string;
  companyName: string;
  viewerUserId: string | null;
  /** team:manage: the "Manage" button of each row (role, contact for, suspension, removal). */
  canManage: boolean;
  onNotice: (notice: string) => void;
}

/**
 * The members of the company with their access, filtered by status and role (both kept in the
 * URL, so a filtered view can be shared or reloaded).
 */
export function MembersTable({ members, companyId, companyName, viewerUserId, canManage, onNotice }: MembersTableProps) {
  const { t, i18n } = useTeamTranslation();
  const locale = localeOf(i18n);
  const [params, setParams] = useSearchParams();
  const status = parseStatus(params.get('status'));
  const role = parseRole(params.get('role'));
  const [managed, setManaged] = useState<string | null>(null);
  const manageButtons = useRef(new Map<string, HTMLButtonElement>());
  const captionId = `members-${useId()}`;

  const setFilter = (key: 'status' | 'role', value: string) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  };

  const shown = members.filter(
    (member) =>
      (!status || member.status === status) &&
      (!role || (role === 'CUSTOM' ? roleOf(member.scopes) === null : roleOf(member.scopes) === role)),
  );
  const managedMember = managed ? members.find((member) => member.id === managed) : undefined;
  // Narrow screens (the breakpoint of Mes courriers): one card per member, "Gérer" in view.
  const compact = useMediaQuery('(max-width: 48rem)');

  const manageButton = (member: TeamMemberFragment) => (
    <Button
      ref={(element) => {
        if (element) manageButtons.current.set(member.id, element);
        else manageButtons.current.delete(member.id);
      }}
      variant="secondary"
      size="sm"
      aria-label={t('members.manageLabel', { name: memberName(member) })}
      onClick={() => setManaged(member.id)}
    >
      {t('members.manage')}
    </Button>
  );
  const managedButton = { current: managed ? (manageButtons.current.get(managed) ?? null) : null };

  return (
    <div className="team-panel">
      <div className="filters" role="group" aria-label={t('members.filters')}>
        <SelectField label={t('members.status')} value={status ?? ''} onChange={(event) => setFilter('status', event.target.value)}>
          <option value="">{t('members.statusAll')}</option>
          {STATUS_FILTERS.map((value) => (
            <option key={value} value={value}>
              {t(`members.statusFilter.${value}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('members.role')} value={role ?? ''} onChange={(event) => setFilter('role', event.target.value)}>
          <option value="">{t('members.roleAll')}</option>
          {ROLES.map((value) => (
            <option key={value} value={value}>
              {ROLE_LABELS[value][locale]}
            </option>
          ))}
          <option value="CUSTOM">{t('members.roleCustom')}</option>
        </SelectField>
        <p className="filters__count" role="status">
          {status || role
            ? t('members.shown', { count: shown.length, total: members.length })
            : t('members.count', { count: members.length })}
        </p>
      </div>

      {shown.length === 0 ? (
        <div className="empty-state">
          <p>{t('members.empty')}</p>
          <Button variant="secondary" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
            {t('members.clearFilters')}
          </Button>
        </div>
      ) : compact ? (
        <ul className="item-cards" aria-label={t('members.caption', { company: companyName })}>
          {shown.map((member) => (
            <li key={member.id} className="item-card">
              <div className="item-card__head">
                <MemberIdentity member={member} isSelf={member.userId === viewerUserId} />
                <MemberStatus member={member} />
              </div>
              <dl className="item-card__facts">
                <div>
                  <dt>{t('members.columns.role')}</dt>
                  <dd>{scopesLabel(member.scopes, locale)}</dd>
                </div>
                <div>
                  <dt>{t('members.columns.lastLogin')}</dt>
                  <dd>
                    <MemberLastLogin member={member} />
                  </dd>
                </div>
                <div>
                  <dt>{t('members.columns.contactFor')}</dt>
                  <dd>
                    <MemberContactFor member={member} />
                  </dd>
                </div>
                <div>
                  <dt>{t('members.columns.invitation')}</dt>
                  <dd>
                    <MemberInvitation member={member} />
                  </dd>
                </div>
              </dl>
              {canManage ? <div className="item-card__actions">{manageButton(member)}</div> : null}
            </li>
          ))}
        </ul>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
          <table className="table">
            <caption id={captionId} className="visually-hidden">
              {t('members.caption', { company: companyName })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('members.columns.member')}</th>
                <th scope="col">{t('members.columns.role')}</th>
                <th scope="col">{t('members.columns.status')}</th>
                <th scope="col">{t('members.columns.contactFor')}</th>
                <th scope="col">{t('members.columns.invitation')}</th>
                <th scope="col">{t('members.columns.lastLogin')}</th>
                {canManage ? (
                  <th scope="col">
                    <span className="visually-hidden">{t('members.columns.actions')}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {shown.map((member) => (
                <tr key={member.id}>
                  <th scope="row" className="table__person">
                    <MemberIdentity member={member} isSelf={member.userId === viewerUserId} />
                  </th>
                  <td>{scopesLabel(member.scopes, locale)}</td>
                  <td>
                    <MemberStatus member={member} />
                  </td>
                  <td>
                    <MemberContactFor member={member} />
                  </td>
                  <td>
                    <MemberInvitation member={member} />
                  </td>
                  <td>
                    <MemberLastLogin member={member} />
                  </td>
                  {canManage ? <td className="table__actions">{manageButton(member)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {canManage && managedMember ? (
        <MemberDialog
          key={managedMember.id}
          member={managedMember}
          companyId={companyId}
          companyName={companyName}
          isSelf={managedMember.userId === viewerUserId}
          isLastAdmin={isLastActiveAdmin(managedMember, members)}
          onClose={() => setManaged(null)}
          onDone={onNotice}
          returnFocusRef={managedButton}
        />
      ) : null}
    </div>
  );
}

const memberName = (member: TeamMemberFragment) => `${member.firstName} ${member.lastName}`.trim() || member.email;

/** Name (and "you"), job title, email and phone: the row header of the table, the head of a card. */
function MemberIdentity({ member, isSelf }: { member: TeamMemberFragment; isSelf: boolean }) {
  const { t } = useTeamTranslation();
  return (
    <div className="table__person-text">
      <span className="table__name">
        {memberName(member)}
        {isSelf ? <span className="muted"> ({t('members.you')})</span> : null}
      </span>
      {member.jobTitle ? (
        <span className="table__meta">
          <span className="visually-hidden">{t('members.jobTitle')} </span>
          {member.jobTitle}
        </span>
      ) : null}
      <a className="table__email" href={`mailto:${member.email}`}>
        {member.email}
      </a>
      {member.phone ? (
        <span className="table__meta">
          <span className="visually-hidden">{t('members.phone')} </span>
          {formatPhone(member.phone)}
        </span>
      ) : null}
    </div>
  );
}

function MemberStatus({ member }: { member: TeamMemberFragment }) {
  const { t } = useTeamTranslation();
  return <Badge tone={member.status === 'ACTIVE' ? 'success' : 'warning'}>{t(`members.statusBadge.${member.status}`)}</Badge>;
}

function MemberContactFor({ member }: { member: TeamMemberFragment }) {
  const { t, i18n } = useTeamTranslation();
  const locale = localeOf(i18n);
  if (member.contactFor.length === 0) return <EmptyCell label={t('members.noContactFor')} />;
  return (
    <ul className="tags">
      {member.contactFor.map((subject) => (
        <li key={subject}>
          <Badge tone="info">{CONTACT_SUBJECT_LABELS[subject][locale]}</Badge>
        </li>
      ))}
    </ul>
  );
}

/**
 * Who invited the member, and whether the link reached them. An active member who joined without
 * a link (access created by the domiciliation) is in: "has not received a link" would contradict it.
 */
function MemberInvitation({ member }: { member: TeamMemberFragment }) {
  const { t } = useTeamTranslation();
  const link = member.linkReceived ? t('members.linkReceived') : member.status === 'ACTIVE' ? null : t('members.linkNotReceived');
  return (
    <>
      <span className="table__line">
        {member.invitedByName ? t('members.invitedBy', { name: member.invitedByName }) : t('members.notInvited')}
      </span>
      {link ? <span className="table__meta">{link}</span> : null}
    </>
  );
}

function MemberLastLogin({ member }: { member: TeamMemberFragment }) {
  const { t, i18n } = useTeamTranslation();
  const locale = localeOf(i18n);
  if (!member.lastLoginAt) return <>{t('members.never')}</>;
  return (
    <time dateTime={member.lastLoginAt} title={formatDateTime(member.lastLoginAt, locale)}>
      {formatRelative(member.lastLoginAt, locale)}
    </time>
  );
}

/** An empty cell that still says something to screen readers ("—" alone is read as "dash"). */
function EmptyCell({ label }: { label: string }) {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{label}</span>
    </>
  );
}
