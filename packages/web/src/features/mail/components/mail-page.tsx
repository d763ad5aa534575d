import { useQuery } from '@apollo/client/react';
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '@/components/layouts';
import { Alert, Button, Tabs } from '@/components/ui';
import { useCan, useCurrentMembership } from '@/lib/authorization';
import { MailTagsDocument } from '../api/generated';
import '../mail.css';
import { useMailTranslation } from '../hooks/use-mail-translation';
import { ForwardingRequests } from './forwarding-requests';
import { MailInbox, type MailPermissions } from './mail-inbox';
import { TagsDialog } from './tags-dialog';

type TabKey = 'mail' | 'forwarding';

const parseTab = (value: string | null): TabKey => (value === 'forwarding' ? 'forwarding' : 'mail');

/**
 * Mes courriers: the company's scanned mail (list, filters in the URL, preview, download, export,
 * tags, forwarding) and its forwarding requests. Every action appears only when the member's scopes
 * allow it (mail:download, mail:export, mail:tag, mail:forward), as the API checks.
 */
export function MailPage() {
  const { t } = useMailTranslation();
  const { t: tApp } = useTranslation();
  const membership = useCurrentMembership();
  const allowed = useCan();
  const [params, setParams] = useSearchParams();
  const tab = parseTab(params.get('tab'));
  const [notice, setNotice] = useState<ReactNode>(null);
  const [tagsOpen, setTagsOpen] = useState(false);
  const tagsButton = useRef<HTMLButtonElement>(null);
  const companyId = membership?.company.id ?? '';
  const companyName = membership?.company.name ?? '';
  const permissions: MailPermissions = {
    download: allowed('mail:download'),
    export: allowed('mail:export'),
    tag: allowed('mail:tag'),
    forward: allowed('mail:forward'),
  };
  const { data: tagsData } = useQuery(MailTagsDocument, { variables: { companyId }, skip: !membership });
  const tags = tagsData?.company?.tags ?? [];

  const selectTab = (key: TabKey) => {
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.delete('item');
      if (key === 'mail') next.delete('tab');
      else next.set('tab', key);
      return next;
    });
  };

  const dropTagFromFilter = (tagId: string) => {
    if (!params.getAll('tag').includes(tagId)) return;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        const kept = next.getAll('tag').filter((id) => id !== tagId);
        next.delete('tag');
        for (const id of kept) next.append('tag', id);
        return next;
      },
      { replace: true },
    );
  };

  if (!membership) return null;
  return (
    <>
      <PageHeader
        title={tApp('pages.mail.title')}
        description={tApp('pages.mail.body')}
        actions={
          permissions.tag ? (
            <Button ref={tagsButton} variant="secondary" onClick={() => setTagsOpen(true)}>
              {t('page.manageTags')}
            </Button>
          ) : null
        }
      />
      <div role="status" className="page-notice">
        {notice ? (
          <Alert tone="success" live="off">
            {notice}
          </Alert>
        ) : null}
      </div>
      <Tabs
        label={t('page.tabs')}
        selected={tab}
        onSelect={selectTab}
        items={[
          { key: 'mail', label: t('page.tabMail') },
          { key: 'forwarding', label: t('page.tabForwarding') },
        ]}
      >
        {tab === 'mail' ? (
          <MailInbox
            companyId={companyId}
            companyName={companyName}
            tags={tags}
            permissions={permissions}
            onNotice={setNotice}
            onForwarded={(count) =>
              setNotice(
                <>
                  {t('forwarding.done', { count })}{' '}
                  <Button variant="link" onClick={() => selectTab('forwarding')}>
                    {t('forwarding.seeRequests')}
                  </Button>
                </>,
              )
            }
          />
        ) : (
          <ForwardingRequests companyId={companyId} companyName={companyName} canCancel={permissions.forward} onNotice={setNotice} />
        )}
      </Tabs>
      {permissions.tag && tagsOpen ? (
        <TagsDialog
          open
          companyId={companyId}
          tags={tags}
          onClose={() => setTagsOpen(false)}
          onDeleted={dropTagFromFilter}
          returnFocusRef={tagsButton}
        />
      ) : null}
    </>
  );
}
