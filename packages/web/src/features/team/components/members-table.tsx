import { CONTACT_SUBJECT_LABELS, ROLE_LABELS, ROLES, roleOf, scopesLabel, formatPhone, type Role } from '@guichet/shared';
import { useId, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Badge, Button, SelectField } from '@/components/ui';
import { formatDateTime, formatRelative } from '@/lib/format';
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
              {shown.map((member) => {
                const name = `${member.firstName} ${member.lastName}`.trim() || member.email;
                const isSelf = member.userId === viewerUserId;
                return (
                  <tr key={member.id}>
                    <th scope="row" className="table__person">
                      <span className="table__name">
                        {name}
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
                    </th>
                    <td>{scopesLabel(member.scopes, locale)}</td>
                    <td>
                      <Badge tone={member.status === 'ACTIVE' ? 'success' : 'warning'}>{t(`members.statusBadge.${member.status}`)}</Badge>
                    </td>
                    <td>
                      {member.contactFor.length > 0 ? (
                        <ul className="tags">
                          {member.contactFor.map((subject) => (
                            <li key={subject}>
                              <Badge tone="info">{CONTACT_SUBJECT_LABELS[subject][locale]}</Badge>
                            </li>
                          ))}
                        </ul>
                      ) : (
                        <EmptyCell label={t('members.noContactFor')} />
                      )}
                    </td>
                    <td>
                      <span className="table__line">
                        {member.invitedByName ? t('members.invitedBy', { name: member.invitedByName }) : t('members.notInvited')}
                      </span>
                      <span className="table__meta">{member.linkReceived ? t('members.linkReceived') : t('members.linkNotReceived')}</span>
                    </td>
                    <td>
                      {member.lastLoginAt ? (
                        <time dateTime={member.lastLoginAt} title={formatDateTime(member.lastLoginAt, locale)}>
                          {formatRelative(member.lastLoginAt, locale)}
                        </time>
                      ) : (
                        t('members.never')
                      )}
                    </td>
                    {canManage ? (
                      <td className="table__actions">
                        <Button
                          ref={(element) => {
                            if (element) manageButtons.current.set(member.id, element);
                            else manageButtons.current.delete(member.id);
                          }}
                          variant="secondary"
                          size="sm"
                          aria-label={t('members.manageLabel', { name })}
                          onClick={() => setManaged(member.id)}
                        >
                          {t('members.manage')}
                        </Button>
                      </td>
                    ) : null}
                  </tr>
                );
              })}
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
          onClose={() => setManaged(null)}
          onDone={onNotice}
          returnFocusRef={managedButton}
        />
      ) : null}
    </div>
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
