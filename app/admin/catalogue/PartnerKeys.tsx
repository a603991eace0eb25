'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/app/trpc/client';
import { KeyIssueForm } from './KeyIssueForm';
import { KeyPanel } from './KeyPanel';
import { useIssueKey, useRevokeKey } from './use-key-mutations';

/** The Open311 partner systems' keys: each is issued to a system by its name alone. */
export function PartnerKeys() {
  const t = useTranslations('catalogue.keys');
  const trpc = useTRPC();
  const keys = useQuery(trpc.incidents.partnerKeys.queryOptions(undefined, { staleTime: 0 }));
  const revoke = useRevokeKey(trpc.incidents.revokePartnerKey.mutationOptions(), trpc.incidents.partnerKeys.queryKey());
  return (
    <KeyPanel
      id="ga-keys"
      title={t('title')}
      intro={t('intro')}
      keys={keys}
      cityOnly="PARTNER_KEYS_CITY_ONLY"
      table={{ caption: t('caption'), nameHeader: t('name'), none: t('none') }}
      revoke={revoke}
      form={<IssuePartnerKey />}
    />
  );
}

function IssuePartnerKey() {
  const t = useTranslations('catalogue.keys');
  const trpc = useTRPC();
  const issue = useIssueKey(trpc.incidents.issuePartnerKey.mutationOptions(), trpc.incidents.partnerKeys.queryKey());
  return (
    <KeyIssueForm
      id="ga-issue"
      title={t('issueTitle')}
      nameLabel={t('issueName')}
      nameHint={t('issueNameHint')}
      warning={t('issuedWarning')}
      issue={issue}
      check={(name) => ({ valid: true, value: { name } })}
    />
  );
}
