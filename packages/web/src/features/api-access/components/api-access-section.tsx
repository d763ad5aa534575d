import { useMutation, useQuery } from '@apollo/client/react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadFailed } from '@/components/errors';
import { Alert, Button, ConfirmDialog, Spinner } from '@/components/ui';
import { useMediaQuery } from '@/hooks/use-media-query';
import { useCurrentMembership } from '@/lib/authorization';
import { describeError } from '@/lib/errors';
import { localeOf } from '@/lib/i18n';
import { ApiTokensDocument, RevokeApiTokenDocument, type ApiTokenItemFragment } from '../api/generated';
import { useApiAccessTranslation } from '../hooks/use-api-access-translation';
import '../api-access.css';
import { ApiUsage } from './api-usage';
import { CreateTokenDialog } from './create-token-dialog';
import { RotateTokenDialog } from './rotate-token-dialog';
import { SecretDialog, type ShownSecret } from './secret-dialog';
import { TokenList } from './token-list';

type Token = ApiTokenItemFragment;

const isLive = (token: Token) => token.status === 'ACTIVE' || token.status === 'ROTATING';

/**
 * Paramètres › Accès API (apiToken:manage, checked by the page): the company's tokens — live ones
 * first, revoked and expired ones folded away — creation, rotation and revocation, the secret shown
 * once after each issue, and how to call the API with a token.
 */
export function ApiAccessSection() {
  const { t, i18n } = useApiAccessTranslation();
  const { t: tApp } = useTranslation();
  const locale = localeOf(i18n);
  const membership = useCurrentMembership();
  const companyId = membership?.company.id ?? '';
  const companyName = membership?.company.name ?? '';
  const compact = useMediaQuery('(max-width: 48rem)');
  const { data, error, loading, refetch } = useQuery(ApiTokensDocument, {
    variables: { companyId },
    skip: !membership,
    // Last use and statuses change without this page: read them again on each visit.
    fetchPolicy: 'cache-and-network',
  });
  const [revoke, revokeState] = useMutation(RevokeApiTokenDocument);

  const [creating, setCreating] = useState(false);
  const [rotating, setRotating] = useState<Token | null>(null);
  const [revoking, setRevoking] = useState<Token | null>(null);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const [shown, setShown] = useState<ShownSecret | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const createButton = useRef<HTMLButtonElement>(null);
  /** Where focus goes when a dialog closes: the button that opened it, or the heading once that button is gone. */
  const returnFocus = useRef<HTMLElement | null>(null);

  const tokens = data?.company?.apiTokens ?? null;
  const live = tokens?.filter(isLive) ?? [];
  const inactive = tokens?.filter((token) => !isLive(token)) ?? [];

  const openRotate = (token: Token, button: HTMLButtonElement) => {
    returnFocus.current = button;
    setNotice(null);
    setRotating(token);
  };
  const openRevoke = (token: Token, button: HTMLButtonElement) => {
    returnFocus.current = button;
    setNotice(null);
    setRevokeError(null);
    setRevoking(token);
  };

  const confirmRevoke = async () => {
    if (!revoking || revokeState.loading) return;
    try {
      await revoke({ variables: { companyId, tokenId: revoking.id } });
      returnFocus.current = heading.current; // its row has moved to the inactive tokens
      setNotice(t('revoke.done', { name: revoking.name }));
      setRevoking(null);
    } catch (cause) {
      setRevokeError(describeError(cause, locale, tApp('errors.network')));
    }
  };

  return (
    <section className="api-access" aria-labelledby="api-access-title">
      <div className="api-access__header">
        <div>
          <h2 id="api-access-title" ref={heading} tabIndex={-1} className="api-access__title">
            {t('section.title')}
          </h2>
          <p className="api-access__intro">{t('section.intro')}</p>
          <p className="muted small api-access__limits">{t('section.limits')}</p>
        </div>
        {tokens ? (
          <Button
            ref={createButton}
            onClick={() => {
              setNotice(null);
              setCreating(true);
            }}
          >
            {t('section.create')}
          </Button>
        ) : null}
      </div>

      <div role="status" className="page-notice">
        {notice ? (
          <Alert tone="success" live="off">
            {notice}
          </Alert>
        ) : null}
      </div>

      {!tokens && loading ? (
        <Spinner label={t('section.loading')} />
      ) : !tokens ? (
        <LoadFailed title={t('section.loadFailed')} error={error} onRetry={() => void refetch()} />
      ) : (
        <>
          {live.length > 0 ? (
            <TokenList
              tokens={live}
              label={t('list.caption', { company: companyName })}
              compact={compact}
              onRotate={openRotate}
              onRevoke={openRevoke}
            />
          ) : (
            <div className="empty-state">
              <p>{t('section.empty')}</p>
            </div>
          )}
          {inactive.length > 0 ? (
            <details className="api-access__inactive">
              <summary>{t('section.inactive', { count: inactive.length })}</summary>
              <p className="muted small">{t('section.inactiveHint')}</p>
              <TokenList tokens={inactive} label={t('list.captionInactive', { company: companyName })} compact={compact} inactive />
            </details>
          ) : null}
        </>
      )}

      <ApiUsage />

      {creating ? (
        <CreateTokenDialog
          companyId={companyId}
          onClose={() => setCreating(false)}
          onCreated={(issued) => {
            setCreating(false);
            setNotice(t('notices.created', { name: issued.token.name }));
            returnFocus.current = createButton.current;
            setShown({ kind: 'created', name: issued.token.name, secret: issued.secret });
          }}
        />
      ) : null}

      {rotating ? (
        <RotateTokenDialog
          key={rotating.id}
          token={rotating}
          companyId={companyId}
          returnFocusRef={returnFocus}
          onClose={() => setRotating(null)}
          onRotated={(issued, oldSecretUntil) => {
            returnFocus.current = heading.current; // the old row loses "Renouveler"
            setRotating(null);
            setNotice(t('notices.rotated', { name: issued.token.name }));
            setShown({ kind: 'rotated', name: issued.token.name, secret: issued.secret, oldSecretUntil });
          }}
        />
      ) : null}

      <ConfirmDialog
        open={revoking !== null}
        title={revoking ? t('revoke.title', { name: revoking.name }) : ''}
        tone="danger"
        confirmLabel={t('revoke.confirm')}
        loading={revokeState.loading}
        error={revokeError ? `${t('revoke.failed')} ${revokeError}` : null}
        onConfirm={() => void confirmRevoke()}
        onClose={() => setRevoking(null)}
        returnFocusRef={returnFocus}
      >
        <p>{t('revoke.body')}</p>
        <p>{t('revoke.definitive')}</p>
      </ConfirmDialog>

      <SecretDialog shown={shown} onClose={() => setShown(null)} returnFocusRef={returnFocus} />
    </section>
  );
}
