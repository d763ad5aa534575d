export { DocumentTitle } from './document-title';
export { FullPageSpinner } from './full-page-spinner';
export { PageHeader } from './page-header';
export { PlaceholderPage } from './placeholder-page';
export { RouteFocus } from './route-focus';
export { PlainLayout } from './plain-layout';
export { SiteFooter } from './site-footer';
