import { useApiAccessTranslation } from '../hooks/use-api-access-translation';

/** Where the API and the playground are: this site's own origin. */
function origin(): string {
  return typeof window === 'undefined' ? '' : window.location.origin;
}

/**
 * How to use a token: the header to send, a one-line curl to try it, and the playground (a page
 * the API serves, not a route of this app, hence a plain link).
 */
export function ApiUsage() {
  const { t } = useApiAccessTranslation();
  const token = t('usage.placeholder');
  const query = JSON.stringify({ query: '{ currentApiToken { name company { id name } } }' });
  const curl = `curl -s ${origin()}/graphql -H 'Authorization: Bearer ${token}' -H 'content-type: application/json' -d '${query}'`;
  return (
    <section className="api-usage" aria-labelledby="api-usage-title">
      <h3 id="api-usage-title" className="api-usage__title">
        {t('usage.title')}
      </h3>
      <p>{t('usage.header')}</p>
      <pre className="api-usage__code">
        <code>{`Authorization: Bearer ${token}`}</code>
      </pre>
      <p>{t('usage.example')}</p>
      <pre className="api-usage__code">
        <code>{curl}</code>
      </pre>
      <p className="api-usage__playground">
        <a className="link" href="/playground">
          {t('usage.playground')}
        </a>
        <span className="muted small">{t('usage.playgroundHint')}</span>
      </p>
    </section>
  );
}
