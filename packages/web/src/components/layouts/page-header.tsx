import type { ReactNode } from 'react';
import { DocumentTitle } from './document-title';

/**
 * The page's one `h1` (focused after each navigation, so it is reachable with tabIndex=-1)
 * and the matching tab title.
 */
export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="page-header">
      <DocumentTitle title={title} />
      <div>
        <h1 className="page-header__title" tabIndex={-1} data-page-title="">
          {title}
        </h1>
        {description ? <p className="page-header__description">{description}</p> : null}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </div>
  );
}
