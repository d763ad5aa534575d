import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, SelectField, Spinner } from '@/components/ui';
import { describeError } from '@/lib/errors';
import { localeOf } from '@/lib/i18n';
import { OperatorFormalitySignersDocument, RequestSignatureDocument } from '../../api/formalities/generated';
import { useCheckedForm } from '../../hooks/use-checked-form';
import { useFormalitiesTranslation } from '../../hooks/use-formalities-translation';
import { describeFormalityError, issueText, issuesFromApi, type Issue } from './formality-errors';
import type { DeliveredDocument } from './formality-documents';
import { shortHash } from './formality-format';

type Field = 'document' | 'signer';
const ORDER: readonly Field[] = ['document', 'signer'];
const API_FIELDS: Readonly<Record<string, Field>> = {
  documentId: 'document',
  documentSha256: 'document',
  signerId: 'signer',
};

/**
 * "Demander une signature": one of the delivered PDFs (its SHA-256, as shown here, is what the
 * request is made for: a document changed since cannot be signed under it) and the signer, among
 * the company's members who may sign.
 */
export function RequestSignatureForm({
  companyId,
  formalityId,
  documents,
  onRequested,
}: {
  companyId: string;
  formalityId: string;
  documents: readonly DeliveredDocument[];
  onRequested: (message: string) => void;
}) {
  const { t } = useFormalitiesTranslation();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const id = useId();
  const [documentId, setDocumentId] = useState(documents.length === 1 ? (documents[0]?.id ?? '') : '');
  const [signerId, setSignerId] = useState('');
  const form = useCheckedForm<Field, Issue>();
  const [failure, setFailure] = useState<string | null>(null);
  const failureRef = useRef<HTMLDivElement>(null);
  const signersQuery = useQuery(OperatorFormalitySignersDocument, {
    variables: { companyId },
    fetchPolicy: 'cache-and-network',
    skip: documents.length === 0,
  });
  const signers = signersQuery.data?.operatorFormalitySigners ?? null;
  const [request, { loading }] = useMutation(RequestSignatureDocument, { refetchQueries: ['OperatorFormality'] });
  const document = documents.find((candidate) => candidate.id === documentId) ?? null;
  const signer = signers?.find((candidate) => candidate.userId === signerId) ?? null;
  const local: Partial<Record<Field, Issue>> = {
    ...(document ? {} : { document: { code: 'DOCUMENT_REQUIRED' } }),
    ...(signer ? {} : { signer: { code: 'SIGNER_REQUIRED' } }),
  };
  const message = (field: Field) => issueText(form.issueOf(field, local), locale, t);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (loading) return;
    form.setAttempted(true);
    setFailure(null);
    if (!document || !signer) {
      form.focusFirst(ORDER, local);
      return;
    }
    try {
      const { data } = await request({
        variables: { formalityId, documentId: document.id, signerId: signer.userId, documentSha256: document.sha256 },
      });
      const created = data?.requestSignature;
      if (created) {
        setSignerId('');
        form.reset();
        onRequested(t('signature.done', { document: created.documentTitle, signer: created.signerName }));
      }
    } catch (cause) {
      const { issues } = issuesFromApi<Field>(cause, API_FIELDS);
      form.setServerIssues(issues);
      setFailure(`${t('signature.failed')} ${describeFormalityError(cause, locale, t, tApp('errors.network'))}`);
      if (!form.focusFirst(ORDER, issues)) failureRef.current?.focus();
    }
  };

  const heading = (
    <h3 id={`${id}-legend`} className="formalities-subsection__title">
      {t('signature.legend')}
    </h3>
  );
  if (documents.length === 0) {
    return (
      <>
        {heading}
        <p className="muted">{t('signature.noDocument')}</p>
      </>
    );
  }

  return (
    <form noValidate className="form formality-signature-form" aria-labelledby={`${id}-legend`} onSubmit={(event) => void submit(event)}>
      {heading}
      <p className="muted small">{t('signature.hint')}</p>
      <SelectField
        ref={form.fieldRef('document')}
        label={t('signature.document')}
        description={t('signature.documentHint')}
        value={documentId}
        required
        error={message('document')}
        onChange={(event) => {
          setDocumentId(event.target.value);
          form.edited('document');
        }}
      >
        <option value="">{t('signature.chooseDocument')}</option>
        {documents.map((candidate) => (
          <option key={candidate.id} value={candidate.id}>
            {t('signature.documentOption', { title: candidate.title, hash: shortHash(candidate.sha256) })}
          </option>
        ))}
      </SelectField>
      {document ? (
        <p className="muted small formality-hash-line">
          {t('signature.chosenSha256')} <code className="formality-hash">{document.sha256}</code>
        </p>
      ) : null}
      {signers === null ? (
        signersQuery.loading ? (
          <Spinner label={t('signature.signersLoading')} />
        ) : (
          <Alert tone="error">{`${t('signature.signersFailed')} ${describeError(signersQuery.error, locale, tApp('errors.network'))}`}</Alert>
        )
      ) : signers.length === 0 ? (
        <Alert tone="warning">{t('signature.noSigner')}</Alert>
      ) : (
        <SelectField
          ref={form.fieldRef('signer')}
          label={t('signature.signer')}
          description={t('signature.signerHint')}
          value={signerId}
          required
          error={message('signer')}
          onChange={(event) => {
            setSignerId(event.target.value);
            form.edited('signer');
          }}
        >
          <option value="">{t('signature.chooseSigner')}</option>
          {signers.map((candidate) => (
            <option key={candidate.userId} value={candidate.userId}>
              {t('signature.signerOption', { name: candidate.name, email: candidate.email })}
            </option>
          ))}
        </SelectField>
      )}
      {failure ? (
        <div ref={failureRef} tabIndex={-1}>
          <Alert tone="error">{failure}</Alert>
        </div>
      ) : null}
      <div className="form__actions formalities-actions">
        <Button type="submit" isLoading={loading} disabled={signers !== null && signers.length === 0}>
          {loading ? t('signature.submitting') : t('signature.submit')}
        </Button>
      </div>
    </form>
  );
}
