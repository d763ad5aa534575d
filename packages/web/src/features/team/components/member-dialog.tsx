import { useApolloClient, useMutation } from '@apollo/client/react';
import { CONTACT_SUBJECT_LABELS, ERROR_MESSAGES, scopesLabel, type ContactSubject } from '@guichet/shared';
import { useId, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Alert, Badge, Button, Dialog } from '@/components/ui';
import { paths } from '@/config/paths';
import { refreshViewer } from '@/lib/auth';
import { describeError } from '@/lib/errors';
import { localeOf } from '@/lib/i18n';
import {
  ReactivateMemberDocument,
  RemoveMemberDocument,
  SuspendMemberDocument,
  UpdateMemberContactForDocument,
  UpdateMemberScopesDocument,
  type TeamMemberFragment,
} from '../api/generated';
import { useTeamTranslation } from '../hooks/use-team-translation';
import { choiceOfScopes, keepGranted, sameScopes, scopesOfChoice, type ScopeChoice } from '../utils/scopes';
import { ContactForPicker, ScopesPicker } from './scopes-picker';

type View = 'edit' | 'suspend' | 'remove';

export interface MemberDialogProps {
  /** Render with `key={member.id}`: the form starts from the member's current access. */
  member: TeamMemberFragment;
  companyId: string;
  companyName: string;
  /** The member is the signed-in person. */
  isSelf: boolean;
  /**
   * The company's only active administrator (shared rule `isLastActiveAdmin`): they cannot lose the
   * role, be suspended or be removed, so the dialog disables those and says why.
   */
  isLastAdmin: boolean;
  onClose: () => void;
  /** Called after a change, with a sentence for the page's status region. */
  onDone: (notice: string) => void;
  returnFocusRef?: RefObject<HTMLElement | null>;
}

const memberName = (member: TeamMemberFragment) => `${member.firstName} ${member.lastName}`.trim() || member.email;

/**
 * Everything an administrator can change about one member: role (a preset or a combination),
 * "contact for" (only the areas the role opens), suspension or reactivation, and removal — which
 * asks for confirmation and says it is definitive.
 */
export function MemberDialog({ member, companyId, companyName, isSelf, isLastAdmin, onClose, onDone, returnFocusRef }: MemberDialogProps) {
  const { t } = useTeamTranslation();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const client = useApolloClient();
  const navigate = useNavigate();
  const [view, setView] = useState<View>('edit');
  const [choice, setChoice] = useState<ScopeChoice>(() => choiceOfScopes(member.scopes));
  // Only administrators create API tokens; theirs end when they stop being one.
  const wasAdmin = member.scopes.includes('ADMIN');
  const [contactFor, setContactFor] = useState<ContactSubject[]>(member.contactFor);
  const [scopesError, setScopesError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const [updateScopes, scopesState] = useMutation(UpdateMemberScopesDocument);
  const [updateContactFor, contactState] = useMutation(UpdateMemberContactForDocument);
  const [suspend, suspendState] = useMutation(SuspendMemberDocument);
  const [reactivate, reactivateState] = useMutation(ReactivateMemberDocument);
  const [remove, removeState] = useMutation(RemoveMemberDocument);

  const accessTitleId = `member-access-${useId()}`;
  const lastAdminId = `member-last-admin-${useId()}`;
  const lastAdminReason = isLastAdmin ? ERROR_MESSAGES.LAST_ADMIN[locale] : null;

  const name = memberName(member);
  const describe = (cause: unknown) => describeError(cause, locale, tApp('errors.network'));

  /** One's own access changed: ask the API again, so navigation and guards follow at once. */
  const afterSelfChange = async (leaving: boolean) => {
    await refreshViewer(client);
    if (leaving) void navigate(paths.home.getHref(), { replace: true });
  };

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    const scopes = scopesOfChoice(choice);
    if (scopes.length === 0) {
      setScopesError(t('member.scopesRequired'));
      return;
    }
    setScopesError(null);
    const scopesChanged = !sameScopes(scopes, member.scopes);
    const wantedContact = keepGranted(contactFor, scopes);
    const contactChanged =
      wantedContact.length !== keepGranted(member.contactFor, scopes).length ||
      wantedContact.some((subject) => !member.contactFor.includes(subject));
    try {
      if (scopesChanged) await updateScopes({ variables: { companyId, memberId: member.id, scopes } });
      if (contactChanged) await updateContactFor({ variables: { companyId, memberId: member.id, contactFor: wantedContact } });
    } catch (cause) {
      setError(describe(cause));
      return;
    }
    if (!scopesChanged && !contactChanged) {
      onClose();
      return;
    }
    onDone(scopesChanged ? t('member.roleChanged', { name, role: scopesLabel(scopes, locale) }) : t('member.contactForChanged', { name }));
    onClose();
    if (isSelf && scopesChanged) await afterSelfChange(!scopes.includes('ADMIN'));
  };

  const changeStatus = async () => {
    setError(null);
    try {
      if (member.status === 'ACTIVE') {
        await suspend({ variables: { companyId, memberId: member.id } });
        onDone(t('member.suspended', { name }));
      } else {
        await reactivate({ variables: { companyId, memberId: member.id } });
        onDone(t('member.reactivated', { name }));
      }
    } catch (cause) {
      setError(describe(cause));
      return;
    }
    onClose();
    if (isSelf) await afterSelfChange(member.status === 'ACTIVE');
  };

  const confirmRemoval = async () => {
    setError(null);
    try {
      await remove({
        variables: { companyId, memberId: member.id },
        update(cache) {
          cache.evict({ id: cache.identify({ __typename: 'Member', id: member.id }) });
          cache.gc();
        },
      });
    } catch (cause) {
      setError(describe(cause));
      return;
    }
    onDone(t('member.removed', { name, company: companyName }));
    onClose();
    if (isSelf) await afterSelfChange(true);
  };

  if (view === 'remove') {
    // Each view is its own dialog (key): focus starts afresh in it, on "Cancel".
    return (
      <Dialog
        key="remove"
        open
        onClose={onClose}
        size="sm"
        title={t('member.removeTitle', { name })}
        description={
          <>
            <p>{isSelf ? t('member.removeSelfBody', { company: companyName }) : t('member.removeBody', { name, company: companyName })}</p>
            {wasAdmin ? <p>{t('member.tokensRevokedNote')}</p> : null}
          </>
        }
        returnFocusRef={returnFocusRef}
        footer={
          <>
            <Button variant="secondary" onClick={() => setView('edit')}>
              {tApp('form.cancel')}
            </Button>
            <Button variant="danger" isLoading={removeState.loading} onClick={() => void confirmRemoval()}>
              {t('member.removeConfirm')}
            </Button>
          </>
        }
      >
        {error ? <Alert tone="error">{error}</Alert> : null}
      </Dialog>
    );
  }

  if (view === 'suspend') {
    return (
      <Dialog
        key="suspend"
        open
        onClose={onClose}
        size="sm"
        title={t('member.suspendTitle', { name })}
        description={
          <>
            <p>{isSelf ? t('member.suspendSelfBody', { company: companyName }) : t('member.suspendBody', { name })}</p>
            {wasAdmin ? <p>{t('member.tokensRevokedNote')}</p> : null}
          </>
        }
        returnFocusRef={returnFocusRef}
        footer={
          <>
            <Button variant="secondary" onClick={() => setView('edit')}>
              {tApp('form.cancel')}
            </Button>
            <Button variant="danger" isLoading={suspendState.loading} onClick={() => void changeStatus()}>
              {t('member.suspendConfirm')}
            </Button>
          </>
        }
      >
        {error ? <Alert tone="error">{error}</Alert> : null}
      </Dialog>
    );
  }

  const saving = scopesState.loading || contactState.loading;
  // Ticked "contact for" subjects that the chosen role does not open: saving drops them.
  const chosenScopes = scopesOfChoice(choice);
  const lostSubjects = chosenScopes.length > 0 ? contactFor.filter((subject) => !keepGranted([subject], chosenScopes).length) : [];
  return (
    <Dialog
      key="edit"
      open
      onClose={onClose}
      size="md"
      title={t('member.title', { name })}
      description={
        <p>
          {member.email} ·{' '}
          <Badge tone={member.status === 'ACTIVE' ? 'success' : 'warning'}>{t(`members.statusBadge.${member.status}`)}</Badge>
          {isSelf ? <span className="muted"> · {t('members.you')}</span> : null}
        </p>
      }
      returnFocusRef={returnFocusRef}
    >
      {error ? <Alert tone="error">{error}</Alert> : null}
      <form noValidate className="form" onSubmit={(event) => void save(event)}>
        <ScopesPicker
          value={choice}
          error={scopesError}
          adminOnly={lastAdminReason}
          onChange={(next) => {
            // The ticks stay as they are: a subject the new role does not open is hidden, not
            // forgotten, and comes back ticked with a role that opens it again.
            setChoice(next);
            setScopesError(null);
          }}
        />
        {isSelf && wasAdmin && !scopesOfChoice(choice).includes('ADMIN') && scopesOfChoice(choice).length > 0 ? (
          <Alert tone="warning" live="off">
            {t('member.demoteSelfWarning')}
          </Alert>
        ) : null}
        {wasAdmin && !scopesOfChoice(choice).includes('ADMIN') && scopesOfChoice(choice).length > 0 ? (
          <Alert tone="info" live="off">
            {t('member.tokensRevokedNote')}
          </Alert>
        ) : null}
        {lostSubjects.length > 0 ? (
          <Alert tone="warning" live="off">
            {t('member.contactForLost', {
              subjects: new Intl.ListFormat(locale, { type: 'conjunction' }).format(
                lostSubjects.map((subject) => CONTACT_SUBJECT_LABELS[subject][locale]),
              ),
            })}
          </Alert>
        ) : null}
        <ContactForPicker choice={choice} value={contactFor} onChange={setContactFor} />
        <div className="form__actions form__actions--end">
          <Button variant="secondary" onClick={onClose}>
            {tApp('form.cancel')}
          </Button>
          <Button type="submit" isLoading={saving}>
            {t('member.save')}
          </Button>
        </div>
      </form>
      <section className="dialog__section" aria-labelledby={accessTitleId}>
        <h3 id={accessTitleId} className="dialog__section-title">
          {t('member.accessTitle')}
        </h3>
        {lastAdminReason ? (
          <p id={lastAdminId} className="muted">
            {lastAdminReason}
          </p>
        ) : null}
        {member.status === 'ACTIVE' ? (
          <>
            <p className="muted">{t('member.suspendHint')}</p>
            <Button
              variant="secondary"
              disabled={isLastAdmin}
              aria-describedby={isLastAdmin ? lastAdminId : undefined}
              onClick={() => setView('suspend')}
            >
              {t('member.suspend')}
            </Button>
          </>
        ) : (
          <>
            <p className="muted">{t('member.reactivateHint')}</p>
            <Button variant="secondary" isLoading={reactivateState.loading} onClick={() => void changeStatus()}>
              {t('member.reactivate')}
            </Button>
          </>
        )}
        <p className="muted">{t('member.removeHint')}</p>
        <Button
          variant="danger"
          disabled={isLastAdmin}
          aria-describedby={isLastAdmin ? lastAdminId : undefined}
          onClick={() => setView('remove')}
        >
          {t('member.remove')}
        </Button>
      </section>
    </Dialog>
  );
}
