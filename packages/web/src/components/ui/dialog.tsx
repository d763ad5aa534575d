import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { cx } from './cx';

export interface DialogProps {
  /** Rendered (and shown as a modal) only while true. */
  open: boolean;
  /** Escape, the close button and the browser's own cancel all call this. */
  onClose: () => void;
  title: ReactNode;
  /** A sentence under the title, read by screen readers when the dialog opens. */
  description?: ReactNode;
  children: ReactNode;
  /** Buttons at the bottom (confirm, cancel). */
  footer?: ReactNode;
  size?: 'sm' | 'md' | 'lg';
  /** Where focus goes on opening; by default the first field, else the first button, else the dialog. */
  initialFocusRef?: RefObject<HTMLElement | null>;
  /** Where focus goes back on closing; by default the element that had it when the dialog opened. */
  returnFocusRef?: RefObject<HTMLElement | null>;
  className?: string;
}

const FOCUSABLE = 'input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled])';
const BUTTONS = 'button:not([disabled]):not(.dialog__close), [href]';

/**
 * A modal dialog on the native `<dialog>` element: `showModal()` puts it in the top layer and
 * makes the rest of the page inert (focus cannot leave it), Escape closes it, its title names it
 * (aria-labelledby) and its description is read with it (aria-describedby). On closing, focus
 * returns to the control that opened it, or to the page's heading when that control is gone.
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  footer,
  size = 'md',
  initialFocusRef,
  returnFocusRef,
  className,
}: DialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const titleId = `dialog-${id}-title`;
  const descriptionId = description ? `dialog-${id}-description` : undefined;
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!open || !dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    const visible = (selector: string) =>
      Array.from(dialog.querySelectorAll<HTMLElement>(selector)).find((element) => !element.closest('[hidden]')) ?? null;
    const first = initialFocusRef?.current ?? visible(FOCUSABLE) ?? visible(BUTTONS) ?? dialog;
    first.focus();
    const onCancel = (event: Event) => {
      event.preventDefault(); // the parent decides (and may keep it open while saving)
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) {
        if (typeof dialog.close === 'function') dialog.close();
        else dialog.removeAttribute('open');
      }
      const target = returnFocusRef?.current ?? opener;
      if (target?.isConnected) target.focus();
      else document.querySelector<HTMLElement>('main [data-page-title]')?.focus();
    };
    // Opening is the only trigger: the refs are read once, at that moment.
  }, [open]);

  if (!open) return null;
  return (
    <dialog
      ref={ref}
      className={cx('dialog', `dialog--${size}`, className)}
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      aria-modal="true"
      tabIndex={-1}
      onKeyDown={(event) => {
        // Browsers turn Escape into a `cancel` event; this covers environments that do not.
        if (event.key === 'Escape' && !event.defaultPrevented) {
          event.preventDefault();
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="dialog__header">
        <h2 id={titleId} className="dialog__title">
          {title}
        </h2>
        <button type="button" className="dialog__close" onClick={onClose}>
          <span aria-hidden="true">×</span>
          <span className="visually-hidden">{t('form.close')}</span>
        </button>
      </div>
      {description ? (
        <div id={descriptionId} className="dialog__description">
          {description}
        </div>
      ) : null}
      <div className="dialog__body">{children}</div>
      {footer ? <div className="dialog__footer">{footer}</div> : null}
    </dialog>
  );
}
