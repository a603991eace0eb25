'use client';
import { useTranslations } from 'next-intl';
import type { Connection } from './connection';

/** The live feed's connection, in the top bar: 已连接, or 重新连接中 while the stream comes back. */
export function ConnectionStatus({ connection }: { connection: Connection }) {
  const t = useTranslations('command.connection');
  return (
    <p className={`ga-command-connection ga-command-connection-${connection}`} role="status" aria-label={t('label')} data-state={connection}>
      <span className="ga-command-connection-dot" aria-hidden="true" />
      {t(connection)}
    </p>
  );
}
