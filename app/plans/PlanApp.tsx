'use client';

import type { Geometry } from 'geojson';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { bboxOf } from '@/app/editor/bbox';
import { useTRPC } from '@/app/trpc/client';
import type { PlanComment } from '@/server/plans/comments';
import type { GridDiffEntry } from '@/server/plans/diff';
import { ArrangementsPanel } from './ArrangementsPanel';
import { ChangesPanel } from './ChangesPanel';
import { CommentsPanel } from './CommentsPanel';
import type { CommentMode, CommentPlace } from './comment-sketch';
import { ImpactPanel } from './ImpactPanel';
import { MapLegend } from './MapLegend';
import { FailureAlert, useFailure, usePlanRefresh, type Capability } from './plan-client';
import { arrangementFeatures, attributeMarkers, changeId, commentFeatures, diffFeatures } from './plan-map-layers';
import type { BBox } from './plan-map-controller';
import type { CompareMode } from './PlanMap';
import { PlanActions } from './PlanActions';
import { PlanHeader } from './PlanHeader';
import { PlanLog } from './PlanLog';
import { TopologyPanel } from './TopologyPanel';

const PlanMap = dynamic(() => import('./PlanMap'), { ssr: false, loading: () => <MapLoading /> });

function MapLoading() {
  const t = useTranslations('review.map');
  return (
    <div className="pl-maps pl-map-loading" role="status">
      {t('loading')}
    </div>
  );
}

export interface PlanAppProps {
  draftId: number;
  capabilities: readonly Capability[];
  /** Today in China (YYYY-MM-DD) by the server's clock. */
  today: string;
}

/**
 * One plan's page: the header and the moves, the diff on the map (overlay or side by side) with the lists
 * of changes, the comments placed on the map, and the impact, topology, arrangements and log below.
 */
export function PlanApp({ draftId, capabilities, today }: PlanAppProps) {
  const t = useTranslations('review');
  const trpc = useTRPC();
  const describe = useFailure();
  const refresh = usePlanRefresh();
  const plan = useQuery(trpc.plans.get.queryOptions({ draftId }, { staleTime: 0 }));
  const diff = useQuery(trpc.plans.diff.queryOptions({ draftId }, { staleTime: 0 }));
  const report = useQuery(trpc.drafts.validate.queryOptions({ draftId }, { staleTime: 0 }));
  const comments = useQuery(trpc.plans.comments.queryOptions({ draftId }, { staleTime: 0 }));

  const [compare, setCompare] = useState<CompareMode>('overlay');
  const [selectedChange, setSelectedChange] = useState<string | null>(null);
  const [selectedComment, setSelectedComment] = useState<number | null>(null);
  const [commentMode, setCommentMode] = useState<CommentMode>('none');
  const [pendingPlace, setPendingPlace] = useState<CommentPlace | null>(null);
  const [frame, setFrame] = useState<{ bbox: BBox; animate: boolean } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const composer = useRef<HTMLTextAreaElement>(null);
  const mapArea = useRef<HTMLDivElement>(null);
  const fitted = useRef(false);

  // Frame the whole plan once its diff is here.
  useEffect(() => {
    if (!diff.data || fitted.current) return;
    fitted.current = true;
    const b = bboxOf(diff.data.features.features.map((f) => f.geometry));
    if (b) setFrame({ bbox: b, animate: false });
  }, [diff.data]);

  const mapData = useMemo(
    () => ({
      all: diffFeatures(diff.data, 'all'),
      old: diffFeatures(diff.data, 'old'),
      new: diffFeatures(diff.data, 'new'),
      markers: attributeMarkers(diff.data?.changes ?? []),
    }),
    [diff.data],
  );
  const arrangements = useMemo(() => arrangementFeatures(plan.data?.arrangements ?? []), [plan.data?.arrangements]);
  const commentsOnMap = useMemo(() => commentFeatures(comments.data ?? [], selectedComment), [comments.data, selectedComment]);
  const gridNames = useMemo(() => {
    const m = new Map<string, string>();
    for (const f of diff.data?.features.features ?? []) if (f.properties.key) m.set(f.properties.key, f.properties.name || f.properties.key);
    return m;
  }, [diff.data]);

  const selectChange = useCallback((c: GridDiffEntry) => {
    setSelectedChange(changeId(c));
    setFrame({ bbox: c.bbox, animate: true });
  }, []);
  const showGeometry = useCallback((g: Geometry) => {
    const b = bboxOf([g]);
    if (b) setFrame({ bbox: b, animate: true });
  }, []);
  const selectComment = useCallback(
    (c: PlanComment) => {
      setSelectedComment(c.id);
      if (c.place) showGeometry(c.place);
    },
    [showGeometry],
  );
  const onGridClick = useCallback(
    (cid: string) => {
      const hit = diff.data?.changes.find((c) => changeId(c) === cid);
      setSelectedChange(hit ? cid : null);
    },
    [diff.data],
  );

  const chooseMode = (mode: CommentMode) => {
    const next = commentMode === mode ? 'none' : mode;
    setCommentMode(next);
    // The map is where the next click goes: bring all of it into view.
    if (next !== 'none') mapArea.current?.scrollIntoView({ block: 'nearest' });
    setAnnouncement(next === 'none' ? t('map.placingCancelled') : t(next === 'point' ? 'map.pointHint' : 'map.areaHint'));
  };
  const onPlaced = useCallback(
    (place: CommentPlace) => {
      setCommentMode('none');
      setPendingPlace(place);
      setAnnouncement(t(place.type === 'Point' ? 'map.pointPlaced' : 'map.areaPlaced'));
      composer.current?.focus({ preventScroll: false });
    },
    [t],
  );
  const onSketch = useCallback(
    (e: { kind: 'vertices'; count: number } | { kind: 'cancelled' } | { kind: 'too_few' }) => {
      if (e.kind === 'cancelled') {
        setCommentMode('none');
        setAnnouncement(t('map.placingCancelled'));
      } else if (e.kind === 'too_few') setAnnouncement(t('map.tooFew'));
      else setAnnouncement(t('map.vertices', { count: e.count }));
    },
    [t],
  );

  // Escape anywhere on the page ends placing (the focused map handles its own Escape first).
  useEffect(() => {
    if (commentMode === 'none') return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      setCommentMode('none');
      setAnnouncement(t('map.placingCancelled'));
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [commentMode, t]);

  const mapLocale = useMemo(() => ({ 'NavigationControl.ZoomIn': t('map.zoomIn'), 'NavigationControl.ZoomOut': t('map.zoomOut') }), [t]);

  if (plan.error) {
    return (
      <section className="ga-card">
        <FailureAlert failure={describe(plan.error)} />
      </section>
    );
  }
  if (!plan.data) return <p role="status">{t('plan.loading')}</p>;
  const p = plan.data;

  return (
    <div className="pl-page pl-plan" data-draft-id={p.draftId}>
      <PlanHeader plan={p} capabilities={capabilities} />
      <PlanActions plan={p} today={today} />

      <section className="ga-card ga-card-wide pl-diff" aria-labelledby="pl-diff-title">
        <h2 id="pl-diff-title">{t('map.title')}</h2>
        {diff.error && <FailureAlert failure={describe(diff.error)} onReload={() => void refresh({ topology: false })} />}
        <div className="pl-toolbar">
          <div role="group" aria-label={t('map.compare')} className="pl-segmented">
            <button type="button" aria-pressed={compare === 'overlay'} onClick={() => setCompare('overlay')} data-testid="compare-overlay">
              {t('map.overlay')}
            </button>
            <button type="button" aria-pressed={compare === 'side'} onClick={() => setCompare('side')} data-testid="compare-side">
              {t('map.sideBySide')}
            </button>
          </div>
          <div role="group" aria-label={t('map.commentTools')} className="pl-segmented">
            <button type="button" aria-pressed={commentMode === 'point'} onClick={() => chooseMode('point')} data-testid="comment-pin-point">
              {t('map.pinPoint')}
            </button>
            <button type="button" aria-pressed={commentMode === 'area'} onClick={() => chooseMode('area')} data-testid="comment-draw-area">
              {t('map.drawArea')}
            </button>
          </div>
        </div>
        <p className="pl-map-hint ga-small" aria-live="polite" data-testid="map-announcement">
          {commentMode !== 'none' ? `${t(commentMode === 'point' ? 'map.pointHint' : 'map.areaHint')} ` : ''}
          {announcement && commentMode === 'none' ? announcement : ''}
        </p>
        <div className="pl-map-row">
          <div className="pl-map-column" ref={mapArea}>
            <PlanMap
              compare={compare}
              boundaries={capabilities.includes('map')}
              locale={mapLocale}
              label={compare === 'side' ? t('map.newLabel') : t('map.label')}
              oldLabel={t('map.oldLabel')}
              diff={compare === 'side' ? mapData.new : mapData.all}
              oldDiff={mapData.old}
              markers={mapData.markers}
              arrangements={arrangements}
              comments={commentsOnMap}
              highlight={selectedChange}
              commentMode={commentMode}
              pendingPlace={pendingPlace}
              frame={frame}
              onGridClick={onGridClick}
              onCommentClick={(id) => setSelectedComment(id)}
              onPlaced={onPlaced}
              onSketch={onSketch}
            />
            <MapLegend />
          </div>
          <div className="pl-side-column">
            {diff.isPending && !diff.error && <p role="status">{t('changes.loading')}</p>}
            {diff.data && <ChangesPanel changes={diff.data.changes} selected={selectedChange} onSelect={selectChange} />}
          </div>
        </div>
      </section>

      <CommentsPanel
        draftId={p.draftId}
        comments={comments.data}
        loadError={comments.error ? describe(comments.error).text : null}
        canResolve={capabilities.includes('draft_edit')}
        selected={selectedComment}
        onSelect={selectComment}
        pendingPlace={pendingPlace}
        onClearPlace={() => setPendingPlace(null)}
        composer={composer}
      />
      {diff.data && <ImpactPanel diff={diff.data} />}
      <TopologyPanel
        report={report.data}
        loading={report.isPending}
        error={report.error ? describe(report.error).text : null}
        reasons={p.warningReasons}
        gridNames={gridNames}
        onShow={showGeometry}
      />
      <ArrangementsPanel plan={p} canReview={capabilities.includes('plan_review')} onShow={showGeometry} />
      <PlanLog log={p.log} />
    </div>
  );
}
