import { useMutation } from '@apollo/client/react';
import { ROLE_LABELS, ROLES } from '@guichet/shared';
import { useEffect, useMemo, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Dialog, SelectField, TextAreaField } from '@/components/ui';
import { describeError, errorCodeOf, errorExtensionOf } from '@/lib/errors';
import { localeOf } from '@/lib/i18n';
import { InviteMembersDocument, TeamInvitationFragmentDoc, type TeamMemberFragment } from '../api/generated';
import { useTeamTranslation } from '../hooks/use-team-translation';
import {
  checkRows,
  countsAsLeft,
  INVITE_FIELDS,
  isBlankRow,
  issuesFromApi,
  MAX_INVITE_ROWS,
  newRow,
  type InviteField,
  type InviteRowDraft,
} from '../utils/invite-rows';
import { foldName } from '../utils/names';
import { parsePastedList } from '../utils/parse-pasted-list';
import { EMPTY_CHOICE, isRoleChoice, type ScopeChoice } from '../utils/scopes';
import { InviteRow } from './invite-row';

/** The company's daily allowance of new invitations (the API's RATE_LIMITED says how many are left). */
const INVITATIONS_PER_DAY = 100;

export interface InviteDialogProps {
  open: boolean;
  onClose: () => void;
  companyId: string;
  /** Existing members: a new row with the same first and last name gets a "likely duplicate" warning. */
  members: readonly TeamMemberFragment[];
  /** Shown as "invited by" on the new rows of the invitations list. */
  inviterName: string;
  /** Everything was sent: the dialog closes and the page says so. */
  onInvited: (notice: string) => void;
  returnFocusRef?: RefObject<HTMLElement | null>;
}

interface Summary {
  invited: string[];
  toFix: number;
}

const ALL_TOUCHED = Object.fromEntries(INVITE_FIELDS.map((field) => [field, true])) as InviteRowDraft['touched'];

/**
 * Invites several people at once. Rows are checked with the shared rules as they are filled in;
 * sending invites the valid rows and keeps the others, with their errors — the API's per-row
 * results included — so nothing typed is lost. A pasted list of addresses becomes rows.
 */
export function InviteDialog({ open, onClose, companyId, members, inviterName, onInvited, returnFocusRef }: InviteDialogProps) {
  const { t } = useTeamTranslation();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const [rows, setRows] = useState<InviteRowDraft[]>(() => [newRow()]);
  const [attempted, setAttempted] = useState(false);
  const [typoWarned, setTypoWarned] = useState(false);
  const [formError, setFormError] = useState<{ message: string; tone: 'warning' | 'error' } | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [sentSoFar, setSentSoFar] = useState<string[]>([]);
  const [pasteOpen, setPasteOpen] = useState(false);
  const [pasteText, setPasteText] = useState('');
  const [pasteChoice, setPasteChoice] = useState<ScopeChoice>(EMPTY_CHOICE);
  const [pasteNotice, setPasteNotice] = useState<string | null>(null);
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  const fields = useRef(new Map<string, HTMLElement>());
  const summaryRef = useRef<HTMLDivElement>(null);
  const formErrorRef = useRef<HTMLDivElement>(null);
  const [invite, { loading }] = useMutation(InviteMembersDocument);

  const memberNames = useMemo(
    () => new Map(members.map((member) => [foldName(`${member.firstName} ${member.lastName}`), `${member.firstName} ${member.lastName}`])),
    [members],
  );
  const checks = checkRows(rows, memberNames);

  useEffect(() => {
    if (!focusTarget) return;
    if (focusTarget === 'summary') summaryRef.current?.focus();
    else if (focusTarget === 'form-error') formErrorRef.current?.focus();
    else fields.current.get(focusTarget)?.focus();
    setFocusTarget(null);
  }, [focusTarget]);

  const fieldRef = (key: string) => (field: InviteField) => (element: HTMLElement | null) => {
    if (element) fields.current.set(`${key}:${field}`, element);
    else fields.current.delete(`${key}:${field}`);
  };

  const updateRow = (key: string, patch: Partial<InviteRowDraft>, field: InviteField) => {
    setRows((current) =>
      current.map((row) => {
        if (row.key !== key) return row;
        const serverErrors = { ...row.serverErrors };
        delete serverErrors[field];
        return { ...row, ...patch, serverErrors, edited: { ...row.edited, [field]: true } };
      }),
    );
    if (field === 'email') setTypoWarned(false);
  };

  const touch = (key: string, field: InviteField) => {
    setRows((current) =>
      current.map((row) =>
        row.key === key && !row.touched[field] && countsAsLeft(row, field) ? { ...row, touched: { ...row.touched, [field]: true } } : row,
      ),
    );
  };

  const addRow = () => {
    if (rows.length >= MAX_INVITE_ROWS) return;
    const row = newRow();
    setRows((current) => [...current, row]);
    setFocusTarget(`${row.key}:email`);
  };

  const removeRow = (key: string) => {
    const index = rows.findIndex((row) => row.key === key);
    const next = rows.filter((row) => row.key !== key);
    setRows(next.length > 0 ? next : [newRow()]);
    const neighbour = next[index] ?? next[index - 1];
    setFocusTarget(neighbour ? `${neighbour.key}:email` : 'add-row');
  };

  const addPasted = () => {
    const entries = parsePastedList(pasteText);
    const known = new Set(rows.map((row) => row.email.trim().toLowerCase()).filter(Boolean));
    const fresh = entries.filter((entry) => {
      const email = entry.email.trim().toLowerCase();
      if (known.has(email)) return false;
      known.add(email);
      return true;
    });
    const skipped = entries.length - fresh.length;
    const kept = rows.filter((row) => !isBlankRow(row));
    const room = MAX_INVITE_ROWS - kept.length;
    const taken = fresh.slice(0, Math.max(0, room));
    const left = fresh.slice(taken.length);
    const added = taken.map((entry) => newRow({ ...entry, choice: pasteChoice }));
    if (added.length > 0) {
      setRows([...kept, ...added]);
      setFocusTarget(`${added[0]?.key}:email`);
    }
    // What did not fit stays in the box, so nothing is lost.
    setPasteText(left.map((entry) => entry.email).join('\n'));
    // Everything went into the list: the box folds away (the notice below its button stays).
    if (added.length > 0 && left.length === 0) setPasteOpen(false);
    const parts = [t('invite.paste.added', { count: added.length })];
    if (skipped > 0) parts.push(t('invite.paste.skipped', { count: skipped }));
    if (left.length > 0) parts.push(t('invite.paste.tooMany', { count: left.length, max: MAX_INVITE_ROWS }));
    setPasteNotice(entries.length === 0 ? t('invite.paste.nothing') : parts.join(' '));
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (loading) return;
    setFormError(null);
    const kept = rows.filter((row) => !isBlankRow(row));
    const current = kept.length > 0 ? kept : rows.slice(0, 1);
    if (current.length !== rows.length) setRows(current);
    const currentChecks = checkRows(current, memberNames);
    setAttempted(true);

    const sendable = current.flatMap((row, index) => {
      const input = currentChecks[index]?.input;
      return input ? [{ row, input, suggestion: currentChecks[index]?.suggestion ?? null }] : [];
    });
    const firstInvalid = current.findIndex((_row, index) => !currentChecks[index]?.input);
    const firstInvalidField = firstInvalid >= 0 ? INVITE_FIELDS.find((field) => currentChecks[firstInvalid]?.errors[field]) : undefined;

    if (sendable.length === 0) {
      const row = current[firstInvalid];
      if (row && firstInvalidField) setFocusTarget(`${row.key}:${firstInvalidField}`);
      return;
    }
    const typos = sendable.filter((item) => item.suggestion);
    if (typos.length > 0 && !typoWarned) {
      setTypoWarned(true);
      setFormError({ tone: 'warning', message: t('invite.typoWarning', { count: typos.length }) });
      setFocusTarget(`${typos[0]?.row.key}:email`);
      return;
    }
    if (sendable.length > MAX_INVITE_ROWS) {
      setFormError({ tone: 'error', message: t('invite.tooMany', { max: MAX_INVITE_ROWS }) });
      setFocusTarget('form-error');
      return;
    }

    try {
      const { data } = await invite({
        variables: { companyId, invitations: sendable.map((item) => item.input) },
        update(cache, { data: result }) {
          const created = (result?.inviteMembers?.rows ?? []).flatMap((row) => (row.invitation ? [row.invitation] : []));
          if (created.length === 0) return;
          const refs = created.flatMap((invitation) => {
            const ref = cache.writeFragment({
              data: { ...invitation, invitedByName: invitation.invitedByName ?? inviterName },
              fragment: TeamInvitationFragmentDoc,
              fragmentName: 'TeamInvitation',
            });
            return ref ? [ref] : [];
          });
          cache.modify({
            id: cache.identify({ __typename: 'Company', id: companyId }),
            fields: { invitations: (existing) => (Array.isArray(existing) ? [...refs, ...existing] : existing) },
          });
        },
      });
      const result = data?.inviteMembers;
      if (!result) return;
      const outcomes = new Map(sendable.map((item, index) => [item.row.key, result.rows.find((row) => row.index === index)]));
      const invited: string[] = [];
      const remaining = current.flatMap((row) => {
        const outcome = outcomes.get(row.key);
        if (!outcome) return [{ ...row, touched: ALL_TOUCHED }];
        if (outcome.status === 'INVITED') {
          invited.push(outcome.email);
          return [];
        }
        return [{ ...row, serverErrors: issuesFromApi(outcome.errors), touched: ALL_TOUCHED }];
      });
      const allSent = [...sentSoFar, ...invited];
      if (remaining.length === 0) {
        setRows([newRow()]);
        setAttempted(false);
        setSummary(null);
        setSentSoFar([]);
        setTypoWarned(false);
        onInvited(t('invite.allSent', { count: allSent.length }));
        onClose();
        return;
      }
      setRows(remaining);
      setSentSoFar(allSent);
      setTypoWarned(false);
      setSummary({ invited, toFix: remaining.length });
      setFocusTarget('summary');
    } catch (cause) {
      const code = errorCodeOf(cause);
      if (code === 'RATE_LIMITED') {
        const left = errorExtensionOf(cause, 'remaining');
        setFormError({
          tone: 'error',
          message:
            typeof left === 'number'
              ? t('invite.rateLimited', { limit: INVITATIONS_PER_DAY, count: left })
              : t('invite.rateLimitedNoCount', { limit: INVITATIONS_PER_DAY }),
        });
      } else {
        setFormError({ tone: 'error', message: describeError(cause, locale, tApp('errors.network')) });
      }
      setFocusTarget('form-error');
    }
  };

  const close = () => {
    if (sentSoFar.length > 0) {
      // Some were sent in an earlier round: say so on the page; the rows left stay for later.
      onInvited(t('invite.someSent', { count: sentSoFar.length, left: rows.filter((row) => !isBlankRow(row)).length }));
      setSentSoFar([]);
      setSummary(null);
    }
    onClose();
  };

  const formErrorId = 'invite-form-error';
  return (
    <Dialog
      open={open}
      onClose={close}
      size="lg"
      title={t('invite.title')}
      description={<p>{t('invite.intro')}</p>}
      returnFocusRef={returnFocusRef}
    >
      {summary ? (
        <div ref={summaryRef} tabIndex={-1} className="invite-summary">
          <Alert tone={summary.invited.length > 0 ? 'warning' : 'error'} title={summaryTitle(summary)}>
            {summary.invited.length > 0 ? (
              <>
                <p>{t('invite.summary.sentTo')}</p>
                <ul className="bullets">
                  {summary.invited.map((email) => (
                    <li key={email}>{email}</li>
                  ))}
                </ul>
              </>
            ) : null}
            <p>{t('invite.summary.fixBelow')}</p>
          </Alert>
        </div>
      ) : null}

      <div className="paste-box">
        <Button
          variant="secondary"
          size="sm"
          aria-expanded={pasteOpen}
          aria-controls="invite-paste"
          onClick={() => setPasteOpen((value) => !value)}
        >
          {t('invite.paste.toggle')}
        </Button>
        <div id="invite-paste" hidden={!pasteOpen} className="paste-box__panel">
          <TextAreaField
            label={t('invite.paste.label')}
            description={t('invite.paste.description')}
            rows={4}
            value={pasteText}
            spellCheck={false}
            onChange={(event) => setPasteText(event.target.value)}
          />
          <SelectField
            label={t('invite.paste.role')}
            value={pasteChoice.role === 'CUSTOM' ? '' : pasteChoice.role}
            onChange={(event) => {
              const role = event.target.value;
              if (isRoleChoice(role)) setPasteChoice({ role, custom: [] });
            }}
          >
            <option value="">{t('invite.paste.roleLater')}</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role][locale]}
              </option>
            ))}
          </SelectField>
          <div className="button-row">
            <Button size="sm" onClick={addPasted} disabled={pasteText.trim() === ''}>
              {t('invite.paste.add')}
            </Button>
          </div>
        </div>
        <p role="status" className="small paste-box__notice">
          {pasteNotice}
        </p>
      </div>

      <form
        noValidate
        className="form invite-form"
        onSubmit={(event) => void submit(event)}
        aria-describedby={formError ? formErrorId : undefined}
      >
        {rows.map((row, index) => (
          <InviteRow
            key={row.key}
            row={row}
            position={index + 1}
            check={checks[index] ?? { errors: {}, suggestion: null, domainWarning: null, sameNameAs: null, input: null }}
            showAllErrors={attempted}
            canRemove={rows.length > 1}
            onChange={(patch, field) => updateRow(row.key, patch, field)}
            onBlur={(field) => touch(row.key, field)}
            onRemove={() => removeRow(row.key)}
            fieldRef={fieldRef(row.key)}
          />
        ))}
        <div className="invite-form__add">
          <Button
            ref={(element) => {
              if (element) fields.current.set('add-row', element);
            }}
            variant="ghost"
            onClick={addRow}
            disabled={rows.length >= MAX_INVITE_ROWS}
          >
            {t('invite.addRow')}
          </Button>
          {rows.length >= MAX_INVITE_ROWS ? <p className="muted small">{t('invite.maxRows', { max: MAX_INVITE_ROWS })}</p> : null}
        </div>
        {formError ? (
          <div ref={formErrorRef} tabIndex={-1} id={formErrorId}>
            <Alert tone={formError.tone}>{formError.message}</Alert>
          </div>
        ) : null}
        <div className="form__actions form__actions--end dialog__footer-actions">
          <Button variant="secondary" onClick={close}>
            {sentSoFar.length > 0 ? tApp('form.close') : tApp('form.cancel')}
          </Button>
          <Button type="submit" isLoading={loading}>
            {typoWarned ? t('invite.sendAnyway') : t('invite.send', { count: rows.filter((row) => !isBlankRow(row)).length || 1 })}
          </Button>
        </div>
      </form>
    </Dialog>
  );

  function summaryTitle(value: Summary): string {
    return `${t('invite.summary.sent', { count: value.invited.length })}, ${t('invite.summary.toFix', { count: value.toFix })}`;
  }
}
