'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { Outcome } from '@/app/admin/outcome';
import { downloadBase64, errorText } from '@/app/editor/errors';
import { useTRPC, useTRPCClient } from '@/app/trpc/client';
import type { PromotedDraft } from '@/server/planner/promote';
import type { ScenarioView } from '@/server/planner/scenarios';

export const EXPORT_FORMATS = ['csv', 'geojson', 'shapefile', 'geopackage'] as const;
type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * What can be done with a finished scenario: its figures (CSV) or grids (GeoJSON, zipped Shapefile,
 * GeoPackage) as a file, and promoting it to the draft plans of its streets (after a confirmation), with
 * the drafts made.
 */
export function ScenarioActions({ scenario }: { scenario: ScenarioView }) {
  const t = useTranslations('planner.actions');
  const locale = useLocale();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [exporting, setExporting] = useState<ExportFormat | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [promoted, setPromoted] = useState<PromotedDraft[] | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const promoteButton = useRef<HTMLButtonElement>(null);
  const drafts = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    setPromoted(null);
    setFailure(null);
    setDone(null);
  }, [scenario.id]);

  const onExport = async (format: ExportFormat) => {
    setFailure(null);
    setDone(null);
    setExporting(format);
    try {
      const file = await client.planner.exportFile.query({ id: scenario.id, format, locale: locale === 'en' ? 'en' : 'zh-CN' });
      downloadBase64(file.fileName, file.mimeType, file.contentBase64);
      setDone(t('exported', { file: file.fileName }));
    } catch (err) {
      setFailure(errorText(err, locale, t('exportFailed')).text);
    } finally {
      setExporting(null);
    }
  };

  const promote = useMutation(
    trpc.planner.promote.mutationOptions({
      onSuccess: (result) => {
        setPromoted(result);
        dialog.current?.close();
        requestAnimationFrame(() => drafts.current?.focus());
      },
      onError: (err) => {
        dialog.current?.close();
        setFailure(errorText(err, locale, t('promoteFailed')).text);
        promoteButton.current?.focus();
      },
      onSettled: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.planner.get.queryFilter({ id: scenario.id })),
          queryClient.invalidateQueries(trpc.planner.list.queryFilter()),
        ]),
    }),
  );

  const shownDrafts: { draftId: number; label: string }[] = promoted
    ? promoted.map((d) => ({ draftId: d.draftId, label: t('draftLink', { street: d.streetName, grids: d.grids }) }))
    : scenario.promotedDrafts.map((draftId) => ({ draftId, label: t('draftLinkById', { id: draftId }) }));

  if (scenario.status !== 'done') return null;
  return (
    <section className="ga-card pn-actions" aria-labelledby="pn-actions-title">
      <h2 id="pn-actions-title">{t('title')}</h2>
      <div className="pn-action-row" role="group" aria-label={t('exportGroup')}>
        {EXPORT_FORMATS.map((f) => (
          <button key={f} type="button" className="ga-secondary" disabled={exporting !== null} onClick={() => void onExport(f)} data-testid={`planner-export-${f}`}>
            {t(`export.${f}`)}
          </button>
        ))}
      </div>
      {scenario.mine && !scenario.promotedAt && (
        <div className="pn-action-row">
          <button ref={promoteButton} type="button" className="ga-primary" onClick={() => dialog.current?.showModal()} data-testid="planner-promote">
            {t('promote')}
          </button>
          <span className="ga-small ga-muted">{t('promoteHint')}</span>
        </div>
      )}
      <Outcome error={failure} done={done} />
      {shownDrafts.length > 0 && (
        <div className="pn-drafts" data-testid="planner-drafts">
          <h3 ref={drafts} tabIndex={-1}>
            {promoted ? t('promotedNow', { count: promoted.length }) : t('promotedBefore')}
          </h3>
          <ul>
            {shownDrafts.map((d) => (
              <li key={d.draftId}>
                <Link className="ga-link" href={`/plans/${d.draftId}`} data-draft-id={d.draftId}>
                  {d.label}
                </Link>
              </li>
            ))}
          </ul>
          <p className="ga-small ga-muted">{t('draftsNext')}</p>
        </div>
      )}
      <dialog
        ref={dialog}
        className="pn-dialog"
        aria-labelledby="pn-promote-title"
        aria-describedby="pn-promote-text"
        onClose={() => {
          if (!promote.isSuccess) promoteButton.current?.focus();
        }}
      >
        <h2 id="pn-promote-title">{t('confirmTitle')}</h2>
        <p id="pn-promote-text">{t('confirmText', { name: scenario.name, scope: scenario.scopeName })}</p>
        <p className="pn-dialog-actions">
          <button type="button" className="ga-primary" disabled={promote.isPending} onClick={() => promote.mutate({ id: scenario.id })} data-testid="planner-promote-confirm">
            {promote.isPending ? t('promoting') : t('confirm')}
          </button>
          <button type="button" className="ga-secondary" disabled={promote.isPending} onClick={() => dialog.current?.close()} autoFocus>
            {t('cancel')}
          </button>
        </p>
      </dialog>
    </section>
  );
}
