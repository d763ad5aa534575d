import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { LoadFailed } from '@/components/errors';
import { PageHeader } from '@/components/layouts';
import { Alert, Badge, Button, Card, Link, Spinner } from '@/components/ui';
import { paths } from '@/config/paths';
import { formatDate, formatDateTime } from '@/lib/format';
import type { FormalityState } from '@/lib/graphql/schema-types';
import { localeOf } from '@/lib/i18n';
import { formatCalendarDay } from '@/lib/invoice-format';
import {
  OperatorAnswerLinkDocument,
  OperatorFormalityCompanyDocument,
  OperatorFormalityDocument,
  OperatorFormalityDocumentLinkDocument,
  type OperatorFormalityDetailFragment,
} from '../../api/formalities/generated';
import { useFormalitiesTranslation } from '../../hooks/use-formalities-translation';
import '../../formalities.css';
import '../../operator.css';
import { AddRequestForm } from './add-request-form';
import { DeliverDocumentForm } from './deliver-document-form';
import { FileLinkButton } from './file-link-button';
import { FormalityDocuments } from './formality-documents';
import { STATE_TONES, TURN_TONES } from './formality-format';
import { FormalityTimeline } from './formality-timeline';
import { InformationRequests } from './information-requests';
import { MoveFormalityDialog } from './move-formality-dialog';
import { RequestSignatureForm } from './request-signature-form';
import { SignatureRequests } from './signature-requests';

const OVER: readonly FormalityState[] = ['COMPLETED', 'REJECTED', 'CANCELLED'];

/**
 * One formality, for the operator: where it stands (state, whose turn, due date, the register's
 * tracking number), the moves allowed from here, the information requests and the review of their
 * answers, the delivered documents, the signature requests with their evidence trail, and the
 * timeline the client sees.
 */
export function FormalityPage({ companyId, formalityId }: { companyId: string; formalityId: string }) {
  const { t } = useFormalitiesTranslation();
  const { i18n } = useTranslation();
  const locale = localeOf(i18n);
  const id = useId();
  const location = useLocation();
  const [notice, setNotice] = useState<string | null>(() => {
    const state = location.state as { notice?: unknown } | null;
    return typeof state?.notice === 'string' ? state.notice : null;
  });
  const { data, loading, error, refetch } = useQuery(OperatorFormalityDocument, {
    variables: { id: formalityId },
    fetchPolicy: 'cache-and-network',
  });
  const companyQuery = useQuery(OperatorFormalityCompanyDocument, { variables: { companyId }, fetchPolicy: 'cache-first' });
  const found = data?.operatorFormality ?? null;
  // A formality reached under another company's address is not this page's.
  const formality = found && found.companyId === companyId ? found : null;
  const companyName = companyQuery.data?.company?.name ?? null;
  const [answerLink] = useMutation(OperatorAnswerLinkDocument);
  const [documentLink] = useMutation(OperatorFormalityDocumentLinkDocument);
  const backHref = paths.operator.formalities.getHref(companyId);

  if (!formality) {
    return (
      <>
        <PageHeader
          title={t('detail.titleLoading')}
          actions={
            <Link variant="button-secondary" to={backHref}>
              {t('detail.back')}
            </Link>
          }
        />
        {loading && !data ? (
          <Spinner label={t('detail.loading')} />
        ) : error && !data ? (
          <LoadFailed title={t('detail.loadFailed')} error={error} onRetry={() => void refetch()} />
        ) : (
          <Alert tone="error">{t('detail.notFound')}</Alert>
        )}
      </>
    );
  }

  const over = OVER.includes(formality.state);
  const announce = (message: string) => setNotice(message);

  return (
    <>
      <PageHeader
        title={formality.title}
        description={companyName ? `${t(`labels.types.${formality.type}`)} · ${companyName}` : t(`labels.types.${formality.type}`)}
        actions={
          <Link variant="button-secondary" to={backHref}>
            {t('detail.back')}
          </Link>
        }
      />
      <div role="status" className="page-notice">
        {notice ? (
          <Alert tone="success" live="off">
            {notice}
          </Alert>
        ) : null}
      </div>

      <div className="formality-layout">
        <div className="formality-main">
          <Card aria-labelledby={`${id}-facts`}>
            <h2 id={`${id}-facts`} className="visually-hidden">
              {t('detail.facts')}
            </h2>
            <FormalityFacts formality={formality} />
          </Card>

          <MoveActions formality={formality} onMoved={announce} onStale={() => void refetch()} />

          <section className="upload-section" aria-labelledby={`${id}-requests`}>
            <h2 id={`${id}-requests`} className="formalities-section__title">
              {t('requests.title')}
            </h2>
            <InformationRequests
              requests={formality.requests}
              over={over}
              onDone={announce}
              renderFileAction={(answer) => (
                <FileLinkButton
                  disposition="INLINE"
                  aria-label={t('requests.openFileLabel', { date: formatDateTime(answer.answeredAt, locale) })}
                  failedText={t('requests.openFailed')}
                  getUrl={async () => {
                    const { data: link } = await answerLink({ variables: { answerId: answer.id, disposition: 'INLINE' } });
                    return link?.operatorAnswerLink?.url ?? null;
                  }}
                >
                  {t('requests.openFile')}
                </FileLinkButton>
              )}
            />
            {over ? null : <AddRequestForm formalityId={formality.id} onDone={announce} />}
          </section>

          <section className="upload-section" aria-labelledby={`${id}-documents`}>
            <h2 id={`${id}-documents`} className="formalities-section__title">
              {t('documents.title')}
            </h2>
            <FormalityDocuments
              documents={formality.documents}
              renderAction={(document) => (
                <FileLinkButton
                  disposition="INLINE"
                  aria-label={t('documents.viewLabel', { title: document.title })}
                  failedText={t('documents.openFailed')}
                  getUrl={async () => {
                    const { data: link } = await documentLink({ variables: { documentId: document.id, disposition: 'INLINE' } });
                    return link?.operatorFormalityDocumentLink?.url ?? null;
                  }}
                >
                  {t('documents.view')}
                </FileLinkButton>
              )}
            />
            {formality.state === 'CANCELLED' || formality.state === 'REJECTED' ? null : (
              <DeliverDocumentForm
                companyId={companyId}
                formalityId={formality.id}
                onDelivered={(message) => {
                  announce(message);
                  void refetch();
                }}
              />
            )}
          </section>

          <section className="upload-section" aria-labelledby={`${id}-signatures`}>
            <h2 id={`${id}-signatures`} className="formalities-section__title">
              {t('signature.listTitle')}
            </h2>
            <SignatureRequests requests={formality.signatureRequests} onDone={announce} />
            {over ? null : (
              <div className="formalities-subsection">
                <RequestSignatureForm
                  companyId={companyId}
                  formalityId={formality.id}
                  documents={formality.documents}
                  onRequested={announce}
                />
              </div>
            )}
          </section>
        </div>

        <aside className="formality-aside">
          <section className="upload-section" aria-labelledby={`${id}-timeline`}>
            <h2 id={`${id}-timeline`} className="formalities-section__title">
              {t('timeline.title')}
            </h2>
            <FormalityTimeline events={formality.timeline} />
          </section>
        </aside>
      </div>
    </>
  );
}

/** State, whose turn, due date, tracking number and reason, as a list of facts. */
function FormalityFacts({ formality }: { formality: OperatorFormalityDetailFragment }) {
  const { t } = useFormalitiesTranslation();
  const { i18n } = useTranslation();
  const locale = localeOf(i18n);
  return (
    <dl className="facts formality-facts">
      <div>
        <dt>{t('detail.state')}</dt>
        <dd>
          <Badge tone={STATE_TONES[formality.state]}>{t(`labels.states.${formality.state}`)}</Badge>
        </dd>
      </div>
      <div>
        <dt>{t('detail.turn')}</dt>
        <dd>
          {formality.turn ? <Badge tone={TURN_TONES[formality.turn]}>{t(`labels.turns.${formality.turn}`)}</Badge> : t('labels.turns.none')}
        </dd>
      </div>
      <div>
        <dt>{t('detail.dueDate')}</dt>
        <dd>
          {formality.dueDate ? (
            <time dateTime={formality.dueDate}>{formatCalendarDay(formality.dueDate, locale, 'long')}</time>
          ) : (
            <span className="muted">{t('detail.noDueDate')}</span>
          )}
        </dd>
      </div>
      <div>
        <dt>{t('detail.tracking')}</dt>
        <dd>{formality.trackingNumber ?? <span className="muted">{t('detail.noTracking')}</span>}</dd>
      </div>
      {formality.reason ? (
        <div>
          <dt>{t('detail.reason')}</dt>
          <dd className="formality-facts__reason">{formality.reason}</dd>
        </div>
      ) : null}
      <div>
        <dt>{t('detail.openedAt')}</dt>
        <dd>
          <time dateTime={formality.createdAt}>{formatDate(formality.createdAt, locale)}</time>
        </dd>
      </div>
    </dl>
  );
}

/** One button per state the formality may go to next; each opens the form that state needs. */
function MoveActions({
  formality,
  onMoved,
  onStale,
}: {
  formality: OperatorFormalityDetailFragment;
  onMoved: (message: string) => void;
  onStale: () => void;
}) {
  const { t } = useFormalitiesTranslation();
  const id = useId();
  const [target, setTarget] = useState<FormalityState | null>(null);
  const buttons = useRef(new Map<FormalityState, HTMLButtonElement>());
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [moved, setMoved] = useState(false);

  // After a move, the buttons change: focus goes to the section's heading, not to the page's top.
  useEffect(() => {
    if (moved) {
      headingRef.current?.focus();
      setMoved(false);
    }
  }, [moved]);

  return (
    <section className="upload-section" aria-labelledby={`${id}-move`}>
      <h2 ref={headingRef} tabIndex={-1} id={`${id}-move`} className="formalities-section__title">
        {t('move.legend')}
      </h2>
      {formality.nextStates.length === 0 ? (
        <p className="muted">{t('move.over')}</p>
      ) : (
        <>
          <p className="muted small">{t('move.hint')}</p>
          <div className="formality-moves">
            {formality.nextStates.map((state) => (
              <Button
                key={state}
                ref={(element) => {
                  if (element) buttons.current.set(state, element);
                  else buttons.current.delete(state);
                }}
                variant={state === 'CANCELLED' || state === 'REJECTED' ? 'secondary' : 'primary'}
                onClick={() => setTarget(state)}
              >
                {t(`move.actions.${state}`)}
              </Button>
            ))}
          </div>
        </>
      )}
      {target ? (
        <MoveFormalityDialog
          formality={formality}
          to={target}
          onClose={() => setTarget(null)}
          onMoved={(updated) => {
            setTarget(null);
            setMoved(true);
            onMoved(t('move.done', { state: t(`labels.states.${updated.state}`) }));
          }}
          onStale={onStale}
          returnFocusRef={{ current: buttons.current.get(target) ?? headingRef.current }}
        />
      ) : null}
    </section>
  );
}
