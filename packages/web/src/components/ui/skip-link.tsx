export interface SkipLinkProps {
  /** Id of the element to jump to (the `<main>`). */
  targetId?: string;
  children: string;
}

/** First focusable element of every page: jumps over the header and navigation. */
export function SkipLink({ targetId = 'main', children }: SkipLinkProps) {
  return (
    <a
      className="skip-link"
      href={`#${targetId}`}
      onClick={(event) => {
        const target = document.getElementById(targetId);
        if (!target) return;
        event.preventDefault();
        target.focus();
        target.scrollIntoView?.();
      }}
    >
      {children}
    </a>
  );
}
