import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Spinner } from '@/components/ui';
import { describeError } from '@/lib/errors';
import { localeOf } from '@/lib/i18n';

type Frame = { state: 'loading' } | { state: 'ready'; url: string } | { state: 'failed'; message: string };

export interface FileFrameProps {
  /** Asks the API for a short-lived INLINE link (null when it gave none). Called once on mount, again on "Réessayer". */
  loadUrl: () => Promise<string | null>;
  /** The frame's accessible name. */
  title: string;
  loadingLabel: string;
  failedLabel: string;
  retryLabel: string;
  className?: string;
  /** Also offers the file in a new tab (the whole PDF with the browser's own viewer). */
  openInTabLabel?: string;
}

/**
 * A file shown in the page: a frame on a signed INLINE link (same origin, allowed by the CSP). The
 * link is asked for when the frame appears and never kept: it expires in minutes.
 */
export function FileFrame({ loadUrl, title, loadingLabel, failedLabel, retryLabel, className, openInTabLabel }: FileFrameProps) {
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const [frame, setFrame] = useState<Frame>({ state: 'loading' });
  const loadRef = useRef(loadUrl);
  loadRef.current = loadUrl;

  const load = useCallback(() => {
    setFrame({ state: 'loading' });
    loadRef.current().then(
      (url) => setFrame(url ? { state: 'ready', url } : { state: 'failed', message: failedLabel }),
      (cause: unknown) => setFrame({ state: 'failed', message: describeError(cause, locale, tApp('errors.network')) }),
    );
  }, [failedLabel, locale, tApp]);

  useEffect(() => {
    load();
    // Once per mount: a new link each time the frame appears.
  }, []);

  const classes = `formality-frame${className ? ` ${className}` : ''}`;
  if (frame.state === 'ready') {
    return (
      <div className="formality-frame__wrap">
        <iframe className={classes} src={frame.url} title={title} />
        {openInTabLabel ? (
          <p className="formality-frame__open">
            <a className="link" href={frame.url} target="_blank" rel="noopener noreferrer">
              {openInTabLabel}
            </a>
          </p>
        ) : null}
      </div>
    );
  }
  if (frame.state === 'failed') {
    return (
      <Alert tone="error" title={failedLabel}>
        {frame.message !== failedLabel ? <p>{frame.message}</p> : null}
        <Button variant="secondary" size="sm" onClick={load}>
          {retryLabel}
        </Button>
      </Alert>
    );
  }
  return (
    <div className={`${classes} formality-frame--placeholder`}>
      <Spinner label={loadingLabel} />
    </div>
  );
}
