import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, type ButtonProps } from '@/components/ui';
import { localeOf } from '@/lib/i18n';
import { useFormalitiesTranslation } from '../../hooks/use-formalities-translation';
import { describeFormalityError } from './formality-errors';
import { openPendingTab, showLink } from './formality-format';

export interface FileLinkButtonProps extends Pick<ButtonProps, 'variant' | 'size' | 'aria-label' | 'children'> {
  /** Asks the API for a short-lived link; null when it gave none. */
  getUrl: () => Promise<string | null>;
  /** INLINE opens the file in a new tab; ATTACHMENT downloads it from this one. */
  disposition: 'INLINE' | 'ATTACHMENT';
  /** The sentence before the API's reason when no link could be made. */
  failedText: string;
}

/**
 * A button that opens a file through a link the API makes for staff (a client's file answer, a
 * delivered document, a signed PDF), and says why when it cannot.
 */
export function FileLinkButton({ getUrl, disposition, failedText, variant = 'secondary', size = 'sm', ...props }: FileLinkButtonProps) {
  const { t } = useFormalitiesTranslation();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const open = async () => {
    setFailure(null);
    setBusy(true);
    // The tab opens within the click, or a pop-up blocker would stop it once the link arrives.
    const tab = disposition === 'INLINE' ? openPendingTab() : null;
    try {
      const url = await getUrl();
      if (!url) throw new Error('No link');
      showLink(tab, url);
    } catch (cause) {
      tab?.close();
      setFailure(`${failedText} ${describeFormalityError(cause, locale, t, tApp('errors.network'))}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="file-link">
      <Button variant={variant} size={size} isLoading={busy} onClick={() => void open()} {...props} />
      {failure ? (
        <span role="alert" className="file-link__error">
          {failure}
        </span>
      ) : null}
    </span>
  );
}
