import { useId } from 'react';
import { Button, cx } from '@/components/ui';
import type { ApiTokenItemFragment } from '../api/generated';
import { useApiAccessTranslation } from '../hooks/use-api-access-translation';
import {
  TokenCreated,
  TokenExpiry,
  TokenLastUsed,
  TokenPermissions,
  TokenPrefix,
  TokenStatus,
  TokenStatusBadge,
  TokenStatusDetail,
} from './token-details';

type Token = ApiTokenItemFragment;

export interface TokenListProps {
  tokens: readonly Token[];
  /** Names the table (or the list of cards) for screen readers. */
  label: string;
  /** Cards instead of a table (narrow screens). */
  compact: boolean;
  /** Revoked and expired tokens: greyed, no action. */
  inactive?: boolean;
  /** Rotation is offered on active tokens; the button is passed so focus can come back to it. */
  onRotate?: (token: Token, button: HTMLButtonElement) => void;
  /** Revocation is offered on active and rotating tokens. */
  onRevoke?: (token: Token, button: HTMLButtonElement) => void;
}

/** The tokens of the company: a table on wide screens, cards on narrow ones (same content and names). */
export function TokenList(props: TokenListProps) {
  return props.compact ? <TokenCards {...props} /> : <TokenTable {...props} />;
}

function TokenActions({ token, onRotate, onRevoke }: { token: Token } & Pick<TokenListProps, 'onRotate' | 'onRevoke'>) {
  const { t } = useApiAccessTranslation();
  const canRotate = token.status === 'ACTIVE' && onRotate;
  const canRevoke = (token.status === 'ACTIVE' || token.status === 'ROTATING') && onRevoke;
  if (!canRotate && !canRevoke) return null;
  return (
    <div className="api-token__actions">
      {canRotate ? (
        <Button
          variant="secondary"
          size="sm"
          aria-label={t('list.rotateLabel', { name: token.name })}
          onClick={(event) => onRotate(token, event.currentTarget)}
        >
          {t('list.rotate')}
        </Button>
      ) : null}
      {canRevoke ? (
        <Button
          variant="secondary"
          size="sm"
          className="api-token__revoke"
          aria-label={t('list.revokeLabel', { name: token.name })}
          onClick={(event) => onRevoke(token, event.currentTarget)}
        >
          {t('list.revoke')}
        </Button>
      ) : null}
    </div>
  );
}

function TokenTable({ tokens, label, inactive = false, onRotate, onRevoke }: TokenListProps) {
  const { t } = useApiAccessTranslation();
  const captionId = `api-tokens-${useId()}`;
  const withActions = !inactive && Boolean(onRotate ?? onRevoke);
  return (
    <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className={cx('table', 'api-token-table', inactive && 'is-inactive')}>
        <caption id={captionId} className="visually-hidden">
          {label}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('list.columns.token')}</th>
            <th scope="col">{t('list.columns.permissions')}</th>
            <th scope="col">{t('list.columns.created')}</th>
            <th scope="col">{t('list.columns.lastUsed')}</th>
            <th scope="col">{t('list.columns.expiry')}</th>
            <th scope="col">{t('list.columns.status')}</th>
            {withActions ? (
              <th scope="col">
                <span className="visually-hidden">{t('list.columns.actions')}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id}>
              <th scope="row" className="api-token-table__name">
                <span className="table__name">{token.name}</span>
                <TokenPrefix token={token} />
              </th>
              <td>
                <TokenPermissions token={token} />
              </td>
              <td>
                <TokenCreated token={token} />
              </td>
              <td>
                <TokenLastUsed token={token} />
              </td>
              <td>
                <TokenExpiry token={token} />
              </td>
              <td>
                <TokenStatus token={token} />
              </td>
              {withActions ? (
                <td className="table__actions">
                  <TokenActions token={token} onRotate={onRotate} onRevoke={onRevoke} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TokenCards({ tokens, label, inactive = false, onRotate, onRevoke }: TokenListProps) {
  const { t } = useApiAccessTranslation();
  return (
    <ul className={cx('api-token-cards', inactive && 'is-inactive')} aria-label={label}>
      {tokens.map((token) => (
        <li key={token.id} className="api-token-card">
          <div className="api-token-card__head">
            <h3 className="api-token-card__name">{token.name}</h3>
            <TokenStatusBadge token={token} />
          </div>
          <TokenStatusDetail token={token} />
          <TokenPrefix token={token} />
          <dl className="api-token-card__facts">
            <div className="api-token-card__wide">
              <dt>{t('list.columns.permissions')}</dt>
              <dd>
                <TokenPermissions token={token} />
              </dd>
            </div>
            <div>
              <dt>{t('list.columns.created')}</dt>
              <dd>
                <TokenCreated token={token} />
              </dd>
            </div>
            <div>
              <dt>{t('list.columns.lastUsed')}</dt>
              <dd>
                <TokenLastUsed token={token} />
              </dd>
            </div>
            <div>
              <dt>{t('list.columns.expiry')}</dt>
              <dd>
                <TokenExpiry token={token} />
              </dd>
            </div>
          </dl>
          {inactive ? null : <TokenActions token={token} onRotate={onRotate} onRevoke={onRevoke} />}
        </li>
      ))}
    </ul>
  );
}
