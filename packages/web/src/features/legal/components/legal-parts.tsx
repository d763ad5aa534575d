import { useId, type ReactNode } from 'react';
import { Link } from '@/components/ui';
import { paths } from '@/config/paths';
import type { LegalNoticeQuery } from '../api/generated';
import { telHref } from '../utils/format';

export type LegalNotice = LegalNoticeQuery['legalNotice'];

/** One titled part of a legal page: an `h2` that names its `section`. */
export function LegalSection({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="legal__section" aria-labelledby={id}>
      <h2 id={id} className="legal__heading">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** Label–value pairs (identity, a kind of data): a description list. */
export function LegalFacts({ rows }: { rows: readonly { label: string; value: ReactNode }[] }) {
  return (
    <dl className="legal-facts">
      {rows.map((row) => (
        <div key={row.label} className="legal-facts__row">
          <dt>{row.label}</dt>
          <dd>{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * What the tags of the texts become (`<email>…</email>`, `<privacy>…</privacy>`…): links to the
 * operator's addresses, to the other legal pages and to the CNIL. Trans fills in their content.
 */
export function legalLinks(notice: LegalNotice) {
  return {
    email: <a className="link" href={`mailto:${notice.contactEmail}`} />,
    phone: <a className="link" href={telHref(notice.contactPhone)} />,
    dpo: <a className="link" href={`mailto:${notice.dpoEmail}`} />,
    notice: <Link to={paths.legal.notice.getHref()} />,
    terms: <Link to={paths.legal.terms.getHref()} />,
    privacy: <Link to={paths.legal.privacy.getHref()} />,
    cnil: <a className="link" href="https://www.cnil.fr" rel="noopener noreferrer" />,
  };
}
