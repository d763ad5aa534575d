import type { ReactNode, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from './alert';
import { Button } from './button';
import { Dialog } from './dialog';

export interface ConfirmDialogProps {
  open: boolean;
  title: ReactNode;
  /** What will happen, said plainly (and that it cannot be undone, when so). */
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  /** `danger` for definitive actions (removal, withdrawal). */
  tone?: 'primary' | 'danger';
  loading?: boolean;
  /** The reason the action failed, shown in the dialog (it stays open). */
  error?: ReactNode;
  returnFocusRef?: RefObject<HTMLElement | null>;
}

/**
 * Asks before an action. Focus starts on "Cancel", so pressing Enter by reflex never confirms a
 * definitive action.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  onConfirm,
  onClose,
  tone = 'primary',
  loading = false,
  error,
  returnFocusRef,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      description={children}
      size="sm"
      returnFocusRef={returnFocusRef}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {t('form.cancel')}
          </Button>
          <Button variant={tone === 'danger' ? 'danger' : 'primary'} isLoading={loading} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {error ? <Alert tone="error">{error}</Alert> : null}
    </Dialog>
  );
}
