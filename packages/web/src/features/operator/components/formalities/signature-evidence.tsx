import { useQuery } from '@apollo/client/react';
import { useId } from 'react';
import { LoadFailed } from '@/components/errors';
import { Alert, Spinner } from '@/components/ui';
import { OperatorSignatureEvidenceDocument, type OperatorSignatureEvidenceQuery } from '../../api/formalities/generated';
import { useFormalitiesTranslation } from '../../hooks/use-formalities-translation';
import { formatUtc, shortHash } from './formality-format';

type Evidence = NonNullable<NonNullable<OperatorSignatureEvidenceQuery['operatorSignatureRequest']>['evidence']>;

/**
 * The evidence trail of a signature request as the server verifies it when asked: a banner that
 * says whether the hash chain holds (or at which event it breaks, and why), then every event in
 * order (number, UTC time, what, who, IP, browser, its hash).
 */
export function SignatureEvidence({ signatureRequestId, documentTitle }: { signatureRequestId: string; documentTitle: string }) {
  const { t } = useFormalitiesTranslation();
  // Verified anew each time it is opened: the trail grows while the request is pending.
  const { data, loading, error, refetch } = useQuery(OperatorSignatureEvidenceDocument, {
    variables: { id: signatureRequestId },
    fetchPolicy: 'network-only',
  });
  const evidence = data?.operatorSignatureRequest?.evidence ?? null;
  if (!evidence) {
    if (loading) return <Spinner label={t('evidence.loading')} />;
    return <LoadFailed title={t('evidence.loadFailed')} error={error} onRetry={() => void refetch()} />;
  }
  return <EvidenceTable evidence={evidence} documentTitle={documentTitle} />;
}

export function EvidenceTable({ evidence, documentTitle }: { evidence: Evidence; documentTitle: string }) {
  const { t } = useFormalitiesTranslation();
  const captionId = `evidence-${useId()}`;
  const broken = evidence.intact ? null : (evidence.brokenAtSeq ?? null);
  return (
    <div className="evidence">
      <h4 className="evidence__title">{t('evidence.title', { document: documentTitle })}</h4>
      {evidence.intact ? (
        <Alert tone="success" live="off" title={t('evidence.intact')}>
          <p>{t('evidence.intactDetail', { count: evidence.events.length })}</p>
          <p>
            {t('evidence.finalHash')} <code className="formality-hash evidence__final">{evidence.finalHash}</code>
          </p>
        </Alert>
      ) : (
        <Alert tone="error" live="off" title={broken === null ? t('evidence.brokenUnknown') : t('evidence.broken', { seq: broken })}>
          <p>{evidence.problem ? t('evidence.brokenDetail', { problem: evidence.problem }) : t('evidence.brokenDetailNoProblem')}</p>
        </Alert>
      )}
      <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="table evidence-table">
          <caption id={captionId} className="visually-hidden">
            {t('evidence.caption')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('evidence.columns.seq')}</th>
              <th scope="col">{t('evidence.columns.at')}</th>
              <th scope="col">{t('evidence.columns.kind')}</th>
              <th scope="col">{t('evidence.columns.who')}</th>
              <th scope="col">{t('evidence.columns.ip')}</th>
              <th scope="col">{t('evidence.columns.userAgent')}</th>
              <th scope="col">{t('evidence.columns.hash')}</th>
            </tr>
          </thead>
          <tbody>
            {evidence.events.map((event) => {
              const isBreak = broken !== null && event.seq === broken;
              const after = broken !== null && event.seq > broken;
              return (
                <tr key={event.seq} className={isBreak ? 'evidence-table__row--broken' : after ? 'evidence-table__row--after' : undefined}>
                  <th scope="row" className="evidence-table__seq">
                    {event.seq}
                    {isBreak ? <span className="evidence-table__break">{t('evidence.brokenRow')}</span> : null}
                  </th>
                  <td className="evidence-table__at">
                    <time dateTime={event.at}>{formatUtc(event.at)}</time>
                  </td>
                  <td className="evidence-table__kind">
                    {t(`labels.signatureEvents.${event.kind}`)}
                    {event.detail ? <span className="table__meta">{event.detail}</span> : null}
                  </td>
                  <td>{event.userName ?? <span className="muted">{t('evidence.system')}</span>}</td>
                  <td className="evidence-table__ip">{event.ip ?? '—'}</td>
                  <td className="evidence-table__agent" title={event.userAgent ?? undefined}>
                    {event.userAgent ?? '—'}
                  </td>
                  <td>
                    <code className="formality-hash" title={t('evidence.hashLabel', { hash: event.hash, previous: event.previousHash })}>
                      {shortHash(event.hash)}
                    </code>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
