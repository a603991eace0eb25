'use client';
import type { StyleSpecification } from 'maplibre-gl';
import type { FeatureCollection, LineString, MultiPolygon, Polygon, Position } from 'geojson';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTRPC, useTRPCClient } from '@/app/trpc/client';
import { LocaleSwitch } from '@/app/map/LocaleSwitch';
import type { MapView } from '@/app/map/state';
import { UserMenu } from '@/app/UserMenu';
import { findingKey as findingKeyOf } from '@/geo/plans/finding-key';
import { findOverlapsInView } from '@/geo/topology/find-overlaps-in-view';
import { findSelfIntersections } from '@/geo/topology/find-self-intersections';
import type { ActorView } from '@/server/auth/policy';
import type { DraftView } from '@/server/drafts/store';
import type { PlanComment } from '@/server/plans/comments';
import type { TopologyFinding } from '@/server/topology/finding-codes';
import { ArrangementsPanel, type ArrangementRecord } from './ArrangementsPanel';
import { AttributesForm, type GridAttributesInput } from './AttributesForm';
import { bboxOf } from './bbox';
import { CommentsPanel } from './CommentsPanel';
import type { DraftFeatureProps } from './editor-controller';
import type { KeyboardVertex } from './vertex-keyboard';
import { NO_SELECTION, SHORTCUT_LABELS, clickGrid, selectedKeys, shortcutAction, type EditorAction, type EditorMode, type EditorSelection } from './editor-state';
import { downloadBase64, errorText, fileToBase64 } from './errors';
import { FindingsPanel, orderFindings, reasonFieldId, type SavedReason } from './FindingsPanel';
import { canEditPlan, commentPlaces, planStateOf, threadComments, unexplainedWarnings, type CommentThread } from './plan-workflow';
import { RestoreForm } from './RestoreForm';

const EditorCanvas = dynamic(() => import('./EditorCanvas'), { ssr: false, loading: () => <EditorLoading /> });

function EditorLoading() {
  const t = useTranslations('editor');
  return (
    <div className="ga-map-loading" role="status">
      {t('loadingMap')}
    </div>
  );
}

const EMPTY_FC: FeatureCollection = { type: 'FeatureCollection', features: [] };
const DEFAULT_SNAP_M = 15;

/** The live (browser-side) check of the shape being drawn: the server stays the authority. */
interface LiveCheck {
  selfIntersects: boolean;
  overlaps: { key: string; areaM2: number }[];
  preview: FeatureCollection;
}

export interface EditorAppProps {
  streetId: number;
  initialView: MapView | null;
  basemapStyle: string | StyleSpecification | null;
  viewer: ActorView;
}

/** Refusals of drafts.open: the street is not (or no longer) the user's to edit. */
const REFUSED = new Set(['OUT_OF_JURISDICTION', 'ACCESS_DENIED']);

/** The answer of one write of the plan: its result, or the server's refusal in the user's language. */
type WriteOutcome<T> = { ok: true; result: T } | { ok: false; code: string | null; text: string };

/**
 * The street editor: the draft of one street's grids on a full-screen map, a toolbar whose every action
 * is one server edit (one undo step), the selected grid's attributes, and the server's topology findings.
 */
export function EditorApp({ streetId, initialView, basemapStyle, viewer }: EditorAppProps) {
  const t = useTranslations('editor');
  const tw = useTranslations('workflow');
  const tMap = useTranslations('map');
  const locale = useLocale();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();

  const [mode, setMode] = useState<EditorMode>('select');
  const [selection, setSelection] = useState<EditorSelection>(NO_SELECTION);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const [focused, setFocused] = useState(-1);
  const [frame, setFrame] = useState<{ bbox: [number, number, number, number] } | null>(null);
  const [live, setLive] = useState<LiveCheck | null>(null);
  const [snapMetres, setSnapMetres] = useState(DEFAULT_SNAP_M);
  /** Snapping in the browser while drawing and moving vertices (the server's snap action is separate). */
  const [snapping, setSnapping] = useState(true);
  const [keyboardVertex, setKeyboardVertex] = useState<KeyboardVertex | null>(null);
  const [fillCommunity, setFillCommunity] = useState<number | null>(null);
  const [importCrs, setImportCrs] = useState<'wgs84' | 'gcj02'>('wgs84');
  const [importRepair, setImportRepair] = useState(false);
  const [exportFormat, setExportFormat] = useState<'geojson' | 'shapefile' | 'kml' | 'geopackage'>('geojson');
  /** A refused submit (blocking findings, warnings without reasons, an arrangement to record), as an alert. */
  const [planAlert, setPlanAlert] = useState<string | null>(null);
  const [focusedComment, setFocusedComment] = useState<number | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  /** The grid a split line is drawn across (chosen when split mode starts). */
  const splitKey = useRef<string | null>(null);
  /** The two grids whose common boundary is redrawn (chosen when reshape mode starts). */
  const reshapeKeys = useRef<[string, string] | null>(null);

  const street = useQuery(trpc.drafts.streetCommunities.queryOptions({ streetId }, { staleTime: Infinity }));
  // Opening is idempotent (the street's editing draft, created on first open): safe as a query.
  const opened = useQuery({
    queryKey: ['editor', 'open', streetId],
    queryFn: () => client.drafts.open.mutate({ streetId }),
    staleTime: Infinity,
    retry: false,
  });
  const draftId = opened.data?.draftId ?? null;
  const draft = useQuery(trpc.drafts.get.queryOptions({ draftId: draftId ?? 0 }, { enabled: draftId !== null, staleTime: 0 }));
  const report = useQuery(trpc.drafts.validate.queryOptions({ draftId: draftId ?? 0 }, { enabled: draftId !== null, staleTime: 0, retry: false }));
  // The plan around the draft: its warning reasons and arrangements; and the reviewers' comments, which
  // arrive while the editor works (a comment is not a write of the plan), so they are polled.
  const plan = useQuery(trpc.plans.get.queryOptions({ draftId: draftId ?? 0 }, { enabled: draftId !== null, staleTime: 0, retry: false }));
  const comments = useQuery(
    trpc.plans.comments.queryOptions({ draftId: draftId ?? 0 }, { enabled: draftId !== null, staleTime: 0, retry: false, refetchInterval: 60_000 }),
  );

  const planState = planStateOf(draft.data?.status);
  /** Edits are offered only while the plan is being drafted or was returned (a submitted plan is frozen). */
  const editing = !!draft.data && canEditPlan(planState);

  const grids = draft.data?.grids;
  const gridFc = useMemo<FeatureCollection<MultiPolygon, DraftFeatureProps>>(
    () => ({
      type: 'FeatureCollection',
      features: (grids?.features ?? []).map((f) => ({
        type: 'Feature',
        geometry: f.geometry,
        properties: { key: f.properties.key, code: f.properties.code ?? '', kind: f.properties.kind, dedicated_type: f.properties.dedicatedType ?? '' },
      })),
    }),
    [grids],
  );
  const findings = useMemo(() => orderFindings(report.data?.findings ?? []), [report.data]);
  const reasons = useMemo<Map<string, SavedReason>>(
    () => new Map((plan.data?.warningReasons ?? []).map((r) => [r.findingKey, { reason: r.reason, authorName: r.authorName }])),
    [plan.data],
  );
  const missingReasons = useMemo(() => unexplainedWarnings(findings, new Map([...reasons].map(([k, r]) => [k, r.reason]))), [findings, reasons]);
  const threads = useMemo(() => threadComments(comments.data ?? []), [comments.data]);
  const commentsFc = useMemo(() => commentPlaces(threads, focusedComment), [threads, focusedComment]);
  const findingsFc = useMemo<FeatureCollection>(
    () => ({
      type: 'FeatureCollection',
      features: findings.flatMap((f, index) => (f.geometry ? [{ type: 'Feature' as const, geometry: f.geometry, properties: { index, code: f.code, severity: f.severity } }] : [])),
    }),
    [findings],
  );

  const keys = selectedKeys(selection);
  const gridByKey = useMemo(() => new Map((grids?.features ?? []).map((f) => [f.properties.key, f])), [grids]);
  // Drop selected keys that no longer exist (after a delete, merge or undo).
  useEffect(() => {
    if (keys.some((k) => !gridByKey.has(k))) {
      const left = keys.filter((k) => gridByKey.has(k));
      setSelection(left.length ? { kind: 'grids', keys: left } : NO_SELECTION);
    }
  }, [keys, gridByKey]);
  const single = keys.length === 1 ? gridByKey.get(keys[0]!) ?? null : null;
  const vertices = useMemo<Position[]>(() => {
    // A frozen plan offers no drag handles.
    if (!single || !editing) return [];
    const seen = new Set<string>();
    const out: Position[] = [];
    for (const poly of single.geometry.coordinates) for (const ring of poly) for (const p of ring.slice(0, -1)) {
      const k = `${p[0]},${p[1]}`;
      if (!seen.has(k)) {
        seen.add(k);
        out.push(p);
      }
    }
    return out;
  }, [single, editing]);
  const communities = street.data?.communities ?? [];
  const snapBoundaries = useMemo(() => (street.data?.communities ?? []).map((c) => c.geometry), [street.data]);
  const fillCommunityId = fillCommunity ?? single?.properties.communityId ?? communities[0]?.id ?? null;
  useEffect(() => setFocused(-1), [report.data]);

  // A plan frozen (submitted) while a drawing tool was on leaves nothing to draw with.
  useEffect(() => {
    if (!editing) setMode('select');
  }, [editing]);

  const refresh = useCallback(async () => {
    await queryClient.invalidateQueries(trpc.drafts.get.queryFilter());
    await queryClient.invalidateQueries(trpc.drafts.validate.queryFilter());
    // Reasons, arrangements (the grids' reach changes with an edit) and the state live on the plan.
    await queryClient.invalidateQueries(trpc.plans.get.queryFilter());
  }, [queryClient, trpc]);

  /**
   * Runs one write of the draft or its plan against the version the user saw (every write bumps it); on
   * any answer, refetch the draft, the findings and the plan.
   */
  const attempt = useCallback(
    async <T,>(label: string, edit: (ref: { draftId: number; expectedVersion: number }) => Promise<T>): Promise<WriteOutcome<T> | null> => {
      const d = draft.data;
      if (!d || busy) return null;
      setBusy(true);
      setMessage(null);
      try {
        const result = await edit({ draftId: d.draftId, expectedVersion: d.version });
        setMessage({ kind: 'info', text: t('done', { action: label }) });
        return { ok: true, result };
      } catch (err) {
        const e = errorText(err, locale, t('failed', { action: label }));
        setMessage({ kind: 'error', text: e.text });
        return { ok: false, code: e.code, text: e.text };
      } finally {
        await refresh();
        setBusy(false);
      }
    },
    [draft.data, busy, refresh, locale, t],
  );

  const run = useCallback(
    async (label: string, edit: (ref: { draftId: number; expectedVersion: number }) => Promise<unknown>) => {
      const r = await attempt(label, edit);
      return r?.ok ? r.result : null;
    },
    [attempt],
  );

  const onDrawing = useCallback(
    (g: Polygon | null) => {
      if (!g || g.coordinates[0]!.length < 4) return setLive(null);
      const selfCheck = findSelfIntersections(g);
      const overlaps = selfCheck.valid ? findOverlapsInView(g, (grids?.features ?? []).map((f) => ({ key: f.properties.key, geometry: f.geometry }))) : [];
      setLive({
        selfIntersects: !selfCheck.valid,
        overlaps: overlaps.map((o) => ({ key: o.key, areaM2: o.areaM2 })),
        preview: { type: 'FeatureCollection', features: overlaps.map((o) => ({ type: 'Feature', geometry: o.geometry, properties: { key: o.key } })) },
      });
    },
    [grids],
  );

  const onDrawn = useCallback(
    async (g: Polygon | LineString, drawnIn: EditorMode) => {
      setMode('select');
      setLive(null);
      if (drawnIn === 'draw' && g.type === 'Polygon') {
        const r = (await run(t('actions.draw'), (ref) => client.drafts.createGrid.mutate({ ...ref, geometry: g }))) as { result: { key: string } } | null;
        if (r) setSelection({ kind: 'grids', keys: [r.result.key] });
      } else if (drawnIn === 'split' && g.type === 'LineString' && splitKey.current) {
        const key = splitKey.current;
        await run(t('actions.split'), (ref) => client.drafts.splitGrid.mutate({ ...ref, key, line: g }));
      } else if (drawnIn === 'reshape' && g.type === 'LineString' && reshapeKeys.current) {
        const keys = reshapeKeys.current;
        await run(t('actions.reshape'), (ref) => client.drafts.reshapeSharedBoundary.mutate({ ...ref, keys, line: g }));
      }
    },
    [run, client, t],
  );

  // Every tool but selection needs an editable plan: the server refuses edits of a frozen one anyway.
  const can: Record<EditorAction, boolean> = {
    select: true,
    draw: editing,
    split: editing && keys.length === 1,
    reshape: editing && keys.length === 2,
    merge: editing && keys.length >= 2,
    delete: editing && keys.length === 1,
    fillRest: editing && fillCommunityId !== null,
    snap: editing && keys.length === 1,
    undo: editing && !!draft.data?.canUndo,
    redo: editing && !!draft.data?.canRedo,
  };

  const act = useCallback(
    async (action: EditorAction) => {
      if (!can[action] || busy) return;
      switch (action) {
        case 'select':
          return setMode('select');
        case 'draw':
          return setMode(mode === 'draw' ? 'select' : 'draw');
        case 'split':
          splitKey.current = keys[0] ?? null;
          return setMode(mode === 'split' ? 'select' : 'split');
        case 'reshape':
          reshapeKeys.current = [keys[0]!, keys[1]!];
          return setMode(mode === 'reshape' ? 'select' : 'reshape');
        case 'merge':
          return run(t('actions.merge'), (ref) => client.drafts.mergeGrids.mutate({ ...ref, keys }));
        case 'delete': {
          const key = keys[0]!;
          return run(t('actions.delete'), (ref) => client.drafts.deleteGrid.mutate({ ...ref, key }));
        }
        case 'fillRest': {
          const communityId = fillCommunityId!;
          const r = (await run(t('actions.fillRest'), (ref) => client.drafts.fillRest.mutate({ ...ref, communityId }))) as { result: { key: string } } | null;
          if (r) setSelection({ kind: 'grids', keys: [r.result.key] });
          return;
        }
        case 'snap': {
          const key = keys[0]!;
          return run(t('actions.snap'), (ref) => client.drafts.snapToNeighbours.mutate({ ...ref, key, toleranceMetres: snapMetres }));
        }
        case 'undo':
          return run(t('actions.undo'), (ref) => client.drafts.undo.mutate(ref));
        case 'redo':
          return run(t('actions.redo'), (ref) => client.drafts.redo.mutate(ref));
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [can, busy, mode, keys, run, client, t, fillCommunityId, snapMetres],
  );

  // Keyboard shortcuts, except while typing in a form field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      if (e.key === 'Escape' && mode !== 'select') return setMode('select');
      const action = shortcutAction(e);
      if (!action) return;
      e.preventDefault();
      void act(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [act, mode]);

  const focusFinding = (i: number) => {
    setFocused(i);
    const f = findings[i];
    if (!f) return;
    const draftKeys = f.gridKeys.filter((k) => gridByKey.has(k));
    if (draftKeys.length) setSelection({ kind: 'grids', keys: draftKeys });
    const box = bboxOf(f.geometry ? [f.geometry] : draftKeys.map((k) => gridByKey.get(k)!.geometry));
    if (box) setFrame({ bbox: box });
  };

  /** A fix applies when the grids it changes are in this draft (not neighbours in force of other streets). */
  const canFix = (f: TopologyFinding) => {
    const fix = f.fix;
    if (!editing || !fix || fix.kind === 'make-valid') return false;
    if (fix.kind === 'give-to-neighbour') return !!f.geometry && gridByKey.has(fix.targetGridKey) && (fix.gridKey === null || gridByKey.has(fix.gridKey));
    return gridByKey.has(fix.gridKey);
  };

  const fixFinding = (f: TopologyFinding) => {
    const fix = f.fix;
    if (!fix || !canFix(f)) return;
    switch (fix.kind) {
      case 'snap-to-neighbours':
        return void run(t('actions.snap'), (ref) => client.drafts.snapToNeighbours.mutate({ ...ref, key: fix.gridKey, toleranceMetres: snapMetres }));
      case 'clip-to-parent':
        return void run(t('findings.fixClip'), (ref) => client.drafts.clipToCommunity.mutate({ ...ref, key: fix.gridKey }));
      case 'give-to-neighbour':
        return void run(t('findings.fixGive'), (ref) =>
          client.drafts.giveAreaToNeighbour.mutate({ ...ref, area: f.geometry, fromKey: fix.gridKey, toKey: fix.targetGridKey }),
        );
    }
  };

  const onImport = async (file: File) => {
    const contentBase64 = await fileToBase64(file);
    await run(t('actions.import'), (ref) => client.drafts.importFile.mutate({ ...ref, fileName: file.name, contentBase64, crs: importCrs, repairInvalid: importRepair }));
    if (fileInput.current) fileInput.current.value = '';
  };
  const onExport = async () => {
    if (!draftId) return;
    try {
      const file = await client.drafts.exportFile.query({ draftId, format: exportFormat, crs: 'wgs84' });
      downloadBase64(file.fileName, file.mimeType, file.contentBase64);
    } catch (err) {
      setMessage({ kind: 'error', text: errorText(err, locale, t('failed', { action: t('actions.export') })).text });
    }
  };

  const saveReason = (findingKey: string, reason: string) =>
    void run(tw('reasons.action'), (ref) => client.plans.setWarningReason.mutate({ ...ref, findingKey, reason }));

  const saveArrangement = (r: ArrangementRecord) => void run(tw('arrangements.action'), (ref) => client.plans.recordArrangement.mutate({ ...ref, ...r }));

  /**
   * Submit for review. Warnings the editor gave no reason for are pointed out here first (the reason field
   * of the first one gets focus); everything else is the server's to refuse, and its refusal is an alert.
   */
  const submitPlan = async () => {
    setPlanAlert(null);
    if (missingReasons.length > 0) {
      setPlanAlert(tw('submit.needReasons', { count: missingReasons.length }));
      const first = findings.findIndex((f) => f.severity === 'warning' && missingReasons.includes(findingKeyOf(f)));
      if (first >= 0) document.getElementById(reasonFieldId(first))?.focus();
      return;
    }
    const r = await attempt(tw('submit.action'), (ref) => client.plans.move.mutate({ ...ref, action: 'submit' }));
    if (r && !r.ok) setPlanAlert(r.text);
  };

  /** Comments are not writes of the plan (no version): each call refetches the threads alone. */
  const commentCall = async (label: string, call: () => Promise<unknown>): Promise<boolean> => {
    setMessage(null);
    try {
      await call();
      setMessage({ kind: 'info', text: t('done', { action: label }) });
      return true;
    } catch (err) {
      setMessage({ kind: 'error', text: errorText(err, locale, t('failed', { action: label })).text });
      return false;
    } finally {
      await queryClient.invalidateQueries(trpc.plans.comments.queryFilter());
    }
  };
  const replyTo = (parentId: number, body: string) =>
    draftId === null ? Promise.resolve(false) : commentCall(tw('comments.reply'), () => client.plans.addComment.mutate({ draftId, body, parentId }));
  const resolveThread = (commentId: number, resolved: boolean) => {
    if (draftId !== null) void commentCall(tw(resolved ? 'comments.resolve' : 'comments.reopen'), () => client.plans.resolveComment.mutate({ draftId, commentId, resolved }));
  };
  const focusComment = (th: CommentThread<PlanComment>) => {
    setFocusedComment(th.comment.id);
    const box = th.comment.place ? bboxOf([th.comment.place]) : null;
    if (box) setFrame({ bbox: box });
  };

  /** A restored draft replaces the opened one: the queries follow its id. */
  const onRestored = (restored: DraftView) => {
    queryClient.setQueryData(['editor', 'open', streetId], restored);
    setSelection(NO_SELECTION);
    setPlanAlert(null);
    setMessage({ kind: 'info', text: tw('restore.done') });
    void refresh();
  };

  const saveAttributes = (a: GridAttributesInput) => {
    if (!single) return;
    const key = single.properties.key;
    void run(t('actions.saveAttributes'), (ref) => client.drafts.setAttributes.mutate({ ...ref, key, attributes: a }));
  };

  const streetInfo = street.data?.street;
  const loadError = opened.error ?? draft.error;
  const mapLocale = useMemo(
    () => ({ 'NavigationControl.ZoomIn': tMap('zoomIn'), 'NavigationControl.ZoomOut': tMap('zoomOut'), 'ScaleControl.Meters': 'm', 'ScaleControl.Kilometers': 'km' }),
    [tMap],
  );

  const toolButton = (action: EditorAction, pressed?: boolean) => (
    <button
      type="button"
      className="ed-tool"
      onClick={() => void act(action)}
      disabled={!can[action] || (busy && action !== 'select')}
      aria-pressed={pressed}
      aria-keyshortcuts={SHORTCUT_LABELS[action].replace('Del', 'Delete').replace('Ctrl', 'Control')}
      data-action={action}
    >
      {t(`actions.${action}`)}
      <kbd>{SHORTCUT_LABELS[action]}</kbd>
    </button>
  );

  if (street.data && !streetInfo) {
    return (
      <main className="ed-page ed-message-page">
        <p role="alert">{t('streetNotFound')}</p>
        <Link href="/editor">{t('chooseStreet')}</Link>
      </main>
    );
  }
  // The page checked the street before showing the editor; this is a grant taken away since then.
  const refusal = opened.error ? errorText(opened.error, locale, t('loadFailed')) : null;
  if (refusal?.code && REFUSED.has(refusal.code)) {
    return (
      <main className="ed-page ed-message-page">
        <h1>{t('refusedTitle')}</h1>
        <p role="alert" className="ed-error">
          {refusal.text}
        </p>
        <Link href="/editor">{t('chooseStreet')}</Link>
      </main>
    );
  }

  return (
    <main className="ed-page" aria-busy={busy}>
      <header className="ed-header">
        <h1>
          {t('title')}
          {streetInfo && <span className="ed-street"> · {streetInfo.name}</span>}
        </h1>
        <span className="ed-version" data-testid="draft-version">
          {draft.data ? t('version', { version: draft.data.version }) : ''}
        </span>
        {planState && (
          <span className="ed-plan">
            <span className="ed-plan-label">{tw('editor.planState')}</span>
            <span className={`ed-plan-state ed-plan-state-${planState}`} data-testid="editor-plan-state" data-state={planState}>
              {tw(`state.${planState}`)}
            </span>
          </span>
        )}
        {editing && (
          <button
            type="button"
            className="ed-submit"
            onClick={() => void submitPlan()}
            disabled={busy || report.isFetching || plan.isPending}
            data-testid="editor-submit"
          >
            {tw('submit.button')}
          </button>
        )}
        <nav className="ed-nav">
          <Link href="/editor">{t('chooseStreet')}</Link>
          <Link href="/">{t('backToMap')}</Link>
          <LocaleSwitch />
          <UserMenu viewer={viewer} />
        </nav>
      </header>

      <div role="toolbar" aria-label={t('toolbar')} className="ed-toolbar" aria-orientation="vertical">
        {toolButton('select', mode === 'select')}
        {toolButton('draw', mode === 'draw')}
        {toolButton('split', mode === 'split')}
        {toolButton('reshape', mode === 'reshape')}
        {toolButton('merge')}
        {toolButton('delete')}
        <div className="ed-tool-group">
          {toolButton('snap')}
          <label className="ed-inline">
            {t('snapTolerance')}
            <input type="number" min={1} max={50} step={1} value={snapMetres} onChange={(e) => setSnapMetres(Math.min(50, Math.max(1, Number(e.target.value) || DEFAULT_SNAP_M)))} />
          </label>
          <label className="ed-inline ed-check">
            <input type="checkbox" checked={snapping} onChange={(e) => setSnapping(e.target.checked)} data-testid="snap-while-drawing" />
            {t('snapWhileDrawing')}
          </label>
        </div>
        <div className="ed-tool-group">
          {toolButton('fillRest')}
          <label className="ed-inline">
            {t('community')}
            <select value={fillCommunityId ?? ''} onChange={(e) => setFillCommunity(Number(e.target.value))}>
              {communities.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        {toolButton('undo')}
        {toolButton('redo')}
        <div className="ed-tool-group">
          <label className="ed-inline">
            {t('importFile')}
            <input ref={fileInput} type="file" accept=".geojson,.json,.zip,.kml" disabled={busy || !editing} onChange={(e) => e.target.files?.[0] && void onImport(e.target.files[0])} />
          </label>
          <label className="ed-inline">
            {t('importCrs')}
            <select value={importCrs} onChange={(e) => setImportCrs(e.target.value as 'wgs84' | 'gcj02')}>
              <option value="wgs84">WGS84</option>
              <option value="gcj02">GCJ-02</option>
            </select>
          </label>
          <label className="ed-inline ed-check">
            <input type="checkbox" checked={importRepair} onChange={(e) => setImportRepair(e.target.checked)} />
            {t('importRepair')}
          </label>
        </div>
        <div className="ed-tool-group">
          <label className="ed-inline">
            {t('exportFormat')}
            <select value={exportFormat} onChange={(e) => setExportFormat(e.target.value as 'geojson' | 'shapefile' | 'kml' | 'geopackage')}>
              <option value="geojson">GeoJSON</option>
              <option value="shapefile">Shapefile (.zip)</option>
              <option value="kml">KML</option>
              <option value="geopackage">GeoPackage (.gpkg)</option>
            </select>
          </label>
          <button type="button" className="ed-tool" onClick={() => void onExport()} disabled={!draft.data}>
            {t('actions.export')}
          </button>
        </div>
        <p className="ed-hint">{mode === 'draw' ? t('hintDraw') : mode === 'split' ? t('hintSplit') : mode === 'reshape' ? t('hintReshape') : t('hintSelect')}</p>
      </div>

      <div className="ed-map">
        {streetInfo && (
          <EditorCanvas
            basemapStyle={basemapStyle}
            initialView={initialView}
            streetCode={streetInfo.code}
            grids={gridFc}
            findings={findingsFc}
            focusedFinding={focused}
            preview={live?.preview ?? EMPTY_FC}
            comments={commentsFc}
            selectedKeys={keys}
            mode={mode}
            frame={frame}
            locale={mapLocale}
            label={t('mapLabel')}
            onGridClick={(key, additive) => setSelection((s) => clickGrid(s, key, additive))}
            onDrawn={(g, m) => void onDrawn(g, m)}
            onDrawing={onDrawing}
            vertices={vertices}
            snapping={snapping}
            snapBoundaries={snapBoundaries}
            onKeyboardVertex={setKeyboardVertex}
            onVertexMoved={(from, to) => void run(t('actions.moveVertex'), (ref) => client.drafts.moveSharedVertex.mutate({ ...ref, from, to }))}
          />
        )}
      </div>

      <aside className="ed-side" aria-label={t('sidePanel')}>
        <div aria-live="polite" className="ed-live" data-testid="editor-message">
          {loadError && <p role="alert" className="ed-error">{errorText(loadError, locale, t('loadFailed')).text}</p>}
          {message && <p className={message.kind === 'error' ? 'ed-error' : 'ed-info'}>{message.text}</p>}
          {keyboardVertex && (
            <p className="ed-info" data-testid="keyboard-vertex">
              {t(keyboardVertex.moved ? 'vertexMoved' : 'vertexChosen', {
                index: keyboardVertex.index + 1,
                count: keyboardVertex.count,
                lng: keyboardVertex.position[0].toFixed(6),
                lat: keyboardVertex.position[1].toFixed(6),
                snap: keyboardVertex.snap,
              })}
            </p>
          )}
          {live && (
            <p className="ed-live-check" data-testid="live-check">
              {live.selfIntersects ? t('live.selfIntersects') : live.overlaps.length ? t('live.overlaps', { count: live.overlaps.length }) : t('live.clean')}
            </p>
          )}
        </div>
        {planAlert && (
          <p role="alert" className="ed-error" data-testid="editor-submit-error">
            {planAlert}
          </p>
        )}
        {draft.data && planState && !editing && (
          <div className="ed-frozen" role="status" data-testid="editor-frozen-banner">
            {planState === 'submitted' || planState === 'under_review' ? (
              <p>{tw('editor.frozen')}</p>
            ) : planState === 'approved' ? (
              <p>{tw('editor.frozenApproved')}</p>
            ) : (
              // Withdrawn, rejected or filed meanwhile: opening the editor again starts a new draft.
              <p>{tw('editor.closed', { state: tw(`state.${planState}`) })}</p>
            )}
            <p className="ed-frozen-links">
              <Link href={`/plans/${draft.data.draftId}`} data-testid="editor-plan-link">
                {tw('editor.openPlan')}
              </Link>
              {!(planState === 'submitted' || planState === 'under_review' || planState === 'approved') && (
                <a href={`/editor?street=${streetId}`}>{tw('editor.newDraft')}</a>
              )}
            </p>
          </div>
        )}
        {editing && planState === 'returned' && (
          <div className="ed-returned" role="status" data-testid="editor-returned-banner">
            <p>{tw('editor.returned')}</p>
            <Link href={`/plans/${draft.data!.draftId}`}>{tw('editor.openPlan')}</Link>
          </div>
        )}
        {editing && report.data && (
          <p className="ed-submit-summary" data-testid="editor-submit-summary">
            {tw('submit.summary', { warnings: report.data.warnings, missing: missingReasons.length, blocking: report.data.blocking })}
          </p>
        )}
        {single ? (
          <AttributesForm
            key={`${single.properties.key}-${draft.data?.version}`}
            grid={single.properties}
            busy={busy}
            readOnly={!editing}
            onSave={saveAttributes}
          />
        ) : (
          <p className="ed-selection-hint">{keys.length > 1 ? t('selectedMany', { count: keys.length }) : t('selectedNone')}</p>
        )}
        <FindingsPanel
          report={report.data}
          findings={findings}
          loading={report.isFetching}
          error={report.error ? errorText(report.error, locale, t('findings.failed')).text : null}
          focused={focused}
          onFocus={focusFinding}
          canFix={canFix}
          onFix={fixFinding}
          busy={busy}
          reasons={reasons}
          editable={editing}
          onSaveReason={saveReason}
        />
        {plan.data && (
          <ArrangementsPanel arrangements={plan.data.arrangements} version={plan.data.version} editable={editing} busy={busy} onSave={saveArrangement} />
        )}
        {plan.error && (
          <p role="alert" className="ed-error">
            {errorText(plan.error, locale, tw('editor.planFailed')).text}
          </p>
        )}
        <CommentsPanel
          threads={threads}
          loading={comments.isPending && draftId !== null}
          error={comments.error ? errorText(comments.error, locale, tw('comments.failed')).text : null}
          focused={focusedComment}
          onFocus={focusComment}
          onReply={replyTo}
          onResolve={resolveThread}
          busy={busy}
        />
        <details className="ed-restore-box">
          <summary>{tw('restore.heading')}</summary>
          <RestoreForm streetId={streetId} onRestored={onRestored} disabled={busy} showHeading={false} />
        </details>
      </aside>
    </main>
  );
}
