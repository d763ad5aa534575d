import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '@/components/layouts';
import { Alert, Badge, Button, Spinner, TextField } from '@/components/ui';
import { formatDateTime } from '@/lib/format';
import { addNamespace, localeOf } from '@/lib/i18n';
import { devMailboxEn } from '@/locales/dev-mailbox/en';
import { devMailboxFr } from '@/locales/dev-mailbox/fr';
import { getDevMailboxMessages, type DevMailboxMessage, type DevMailboxResult } from '../api/get-messages';

/** The page's texts, added to i18next when it first renders (they are not in the initial bundle). */
function useMailboxTranslation() {
  const { i18n } = useTranslation();
  addNamespace(i18n, 'devMailbox', { fr: devMailboxFr, en: devMailboxEn });
  return useTranslation('devMailbox');
}

type State = { status: 'loading' } | { status: 'failed' } | ({ status: 'ready' } & DevMailboxResult);

/**
 * Development only: the emails Guichet would have sent (no SMTP server configured), newest first,
 * optionally for one address (`?to=`). Each opens to its HTML body in a sandboxed frame — links
 * open in this tab — and its plain-text version.
 */
export function DevMailbox() {
  const { t } = useMailboxTranslation();
  const { t: tApp } = useTranslation();
  const [params, setParams] = useSearchParams();
  const to = params.get('to')?.trim() || null;
  const [state, setState] = useState<State>({ status: 'loading' });
  const [filter, setFilter] = useState(to ?? '');

  const load = useCallback(
    async (signal?: AbortSignal) => {
      setState({ status: 'loading' });
      try {
        const result = await getDevMailboxMessages(to, signal);
        setState({ status: 'ready', ...result });
      } catch {
        if (!signal?.aborted) setState({ status: 'failed' });
      }
    },
    [to],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const applyFilter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = filter.trim().toLowerCase();
    setParams(value ? { to: value } : {}, { replace: true });
  };

  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      {state.status === 'ready' && !state.available ? (
        <Alert tone="info" live="off">
          {t('unavailable')}
        </Alert>
      ) : (
        <>
          <form className="mailbox-filter" onSubmit={applyFilter} role="search">
            <TextField
              label={t('filter')}
              type="email"
              autoComplete="off"
              value={filter}
              onChange={(event) => setFilter(event.target.value)}
            />
            <div className="button-row">
              <Button type="submit" variant="secondary">
                {t('apply')}
              </Button>
              <Button variant="ghost" onClick={() => void load()}>
                {t('refresh')}
              </Button>
            </div>
          </form>
          {state.status === 'loading' ? <Spinner label={tApp('app.loading')} /> : null}
          {state.status === 'failed' ? <Alert tone="error">{t('failed')}</Alert> : null}
          {state.status === 'ready' && state.available ? (
            <>
              <p className="muted" role="status">
                {to ? t('countFor', { count: state.messages.length, to }) : t('count', { count: state.messages.length })}
              </p>
              <ul className="mailbox">
                {state.messages.map((message, index) => (
                  <MailboxItem key={message.id} message={message} defaultOpen={index === 0} />
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
    </>
  );
}

function MailboxItem({ message, defaultOpen }: { message: DevMailboxMessage; defaultOpen: boolean }) {
  const { t, i18n } = useMailboxTranslation();
  const locale = localeOf(i18n);
  const [open, setOpen] = useState(defaultOpen);
  const id = useId();
  const panelId = `mail-${id}`;
  return (
    <li className="mailbox__item">
      <h2 className="mailbox__heading">
        <button
          type="button"
          className="mailbox__toggle"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen((value) => !value)}
        >
          <span className="mailbox__subject">{message.subject}</span>
          <span className="mailbox__meta">
            {t('to', { to: message.to })} · <time dateTime={message.createdAt}>{formatDateTime(message.createdAt, locale)}</time>
          </span>
          <span className="chevron" aria-hidden="true" />
        </button>
      </h2>
      <div id={panelId} hidden={!open} className="mailbox__body">
        <p className="mailbox__tags">
          <Badge>{message.kind}</Badge> <Badge tone={message.status === 'SENT' ? 'success' : 'neutral'}>{message.status}</Badge>
        </p>
        {open ? (
          <iframe
            className="mailbox__frame"
            title={t('htmlTitle', { subject: message.subject })}
            // No scripts, no same-origin access; a click on a link may take this tab to it.
            sandbox="allow-top-navigation-by-user-activation allow-popups allow-popups-to-escape-sandbox"
            srcDoc={`<base target="_top">${message.html}`}
          />
        ) : null}
        <details className="mailbox__text">
          <summary>{t('text')}</summary>
          <pre>{message.text}</pre>
        </details>
      </div>
    </li>
  );
}
