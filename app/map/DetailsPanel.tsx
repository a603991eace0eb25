'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useId, useRef, type ReactNode } from 'react';
import type { Details, IncidentSummary } from '@/server/services/details';
import type { FlyTarget } from './controller';
import { GridTimeline } from './GridTimeline';
import { GRID_LOAD_COLOURS } from './palette';
import type { Selection } from './state';

/** Why the details are not shown: gone, refused (with the server's reason in the user's language), or failed. */
export type DetailsError = { kind: 'notFound' } | { kind: 'refused'; text: string } | { kind: 'failed' };

export interface DetailsPanelProps {
  selection: Selection;
  details: Details | null;
  loading: boolean;
  error: DetailsError | null;
  /** The user edits some street's grids: areas link to the editor. */
  canEdit: boolean;
  onClose: () => void;
  onOpen: (selection: Selection, target?: FlyTarget) => void;
  /** The map's "as of" day (null: now): the details are as of it, and a grid's history marks its version. */
  asOf: string | null;
  /** Shows the map as of a day (a version of the grid's history). */
  onShowDay: (day: string) => void;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="ga-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** A headline figure (households, residents, incidents…). */
function Stat({ value, label }: { value: ReactNode; label: string }) {
  return (
    <div className="ga-stat">
      <span className="ga-stat-value">{value}</span>
      <span className="ga-stat-label">{label}</span>
    </div>
  );
}

/** The side panel with everything known about the selected thing. */
export function DetailsPanel({ selection, details, loading, error, canEdit, onClose, onOpen, asOf, onShowDay }: DetailsPanelProps) {
  const t = useTranslations();
  const format = useFormatter();
  const headingId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  const d = details && details.kind === selection.kind ? details : null;

  const n = (v: number) => format.number(v);
  const date = (v: Date | null) => (v ? format.dateTime(v, { dateStyle: 'medium', timeStyle: 'short' }) : t('details.none'));
  const maybe = (ns: string, key: string) => (t.has(`${ns}.${key}` as never) ? t(`${ns}.${key}` as never) : key);

  // Move focus into the panel when something new is opened, so keyboard and screen-reader users land on it.
  useEffect(() => {
    closeRef.current?.focus({ preventScroll: true });
  }, [selection]);

  const title = !d
    ? ''
    : d.kind === 'address'
      ? d.address
      : d.kind === 'incident'
        ? `${maybe('incidentCategory', d.category)} ${d.code}`
        : d.name;

  /** The grid an address, key site or incident lies in, as a link (an incident's grid may have no name). */
  const gridRow = (grid: { code: string; name: string } | null) => (
    <Row label={t('details.grid')}>
      {grid ? (
        <button type="button" className="ga-link" onClick={() => onOpen({ kind: 'grid', code: grid.code })}>
          {grid.name || grid.code}
        </button>
      ) : (
        t('details.none')
      )}
    </Row>
  );

  const incidentList = (items: IncidentSummary[]) =>
    items.length === 0 ? (
      <p className="ga-muted">{t('details.noIncidents')}</p>
    ) : (
      <ul className="ga-list">
        {items.map((i) => (
          <li key={i.id}>
            <button type="button" className="ga-link" onClick={() => onOpen({ kind: 'incident', id: i.id })}>
              {maybe('incidentClass', i.class)} · {maybe('incidentCategory', i.category)}
            </button>
            <span className={`ga-status ga-status-${i.status}`}>{maybe('incidentStatus', i.status)}</span>
            {i.overdue && <span className="ga-flag">{t('details.overdue')}</span>}
            <span className="ga-muted ga-small">{date(i.reportedAt)}</span>
          </li>
        ))}
      </ul>
    );

  let body: ReactNode = null;
  if (d) {
    switch (d.kind) {
      case 'grid': {
        const { fullTime, partTime } = d.workerCounts;
        body = (
          <>
            <dl className="ga-dl">
              <Row label={t('details.code')}>
                <span className="ga-mono">{d.code}</span>
              </Row>
              <Row label={t('details.gridKind')}>
                {t(`gridKind.${d.gridKind}`)}
                {d.dedicatedType && ` · ${maybe('dedicatedType', d.dedicatedType)}`}
              </Row>
              {d.responsibleUnit && <Row label={t('details.responsibleUnit')}>{d.responsibleUnit}</Row>}
              <Row label={t('details.community')}>
                <button type="button" className="ga-link" onClick={() => onOpen({ kind: 'community', id: d.community.id })}>
                  {d.community.name}
                </button>
              </Row>
              <Row label={t('details.street')}>{d.street.name}</Row>
              <Row label={t('details.district')}>{d.district.name}</Row>
            </dl>
            <div className="ga-stats">
              <Stat value={n(d.households)} label={t('details.households')} />
              <Stat value={n(d.residents)} label={t('details.residents')} />
              <Stat value={n(d.openIncidents)} label={t('details.openIncidents')} />
            </div>
            <dl className="ga-dl">
              <Row label={t('details.load')}>
                <span className="ga-swatch ga-swatch-box" aria-hidden="true" style={{ background: GRID_LOAD_COLOURS[d.load] }} />
                {t(d.load === 'under' ? 'legend.loadUnder' : d.load === 'over' ? 'legend.loadOver' : 'legend.loadWithin', {
                  min: d.norm.householdsMin,
                  max: d.norm.householdsMax,
                  residentsMax: d.norm.residentsMax,
                })}
              </Row>
              <Row label={t('details.addresses')}>{n(d.addresses)}</Row>
              <Row label={t('details.area')}>{t('details.areaValue', { value: format.number(d.areaKm2, { maximumFractionDigits: 2 }) })}</Row>
              <Row label={t('details.keySites')}>{n(d.keySites)}</Row>
              <Row label={t('details.overdueIncidents')}>{n(d.overdueIncidents)}</Row>
              <Row label={t('details.validFrom')}>{date(d.validFrom)}</Row>
              {d.arrangement && (
                <Row label={t('details.arrangement')}>
                  <span className="ga-flag">{maybe('arrangement', d.arrangement.kind)}</span> {d.arrangement.name} ·{' '}
                  {maybe('arrangement', d.arrangement.status)}
                </Row>
              )}
            </dl>
            <h3 className="ga-subheading">{t('details.workers')}</h3>
            {fullTime + partTime === 0 ? (
              <p className="ga-warning">{t('details.noWorkers')}</p>
            ) : d.workers.length === 0 ? (
              // Names are personal data: outside the user's scope the grid says how many, not who.
              <p data-testid="worker-counts">
                {t('details.workerCounts', { fullTime, partTime })}
                <span className="ga-muted ga-small"> {t('details.workerNamesHidden')}</span>
              </p>
            ) : (
              <ul className="ga-list">
                {d.workers.map((w) => (
                  <li key={w.id}>
                    <button type="button" className="ga-link" onClick={() => onOpen({ kind: 'worker', id: w.id })}>
                      {w.name}
                    </button>
                    <span className={`ga-tag ga-tag-${w.employment}`}>{t(`employment.${w.employment}`)}</span>
                  </li>
                ))}
              </ul>
            )}
            {d.gridKind === 'comprehensive' && partTime > 0 && fullTime === 0 && (
              <p className="ga-warning">{t('details.noFullTimeWorker')}</p>
            )}
            <h3 className="ga-subheading">{t('details.recentIncidents')}</h3>
            {incidentList(d.recentIncidents)}
          </>
        );
        break;
      }
      case 'district':
      case 'street':
      case 'community':
        body = (
          <>
            <dl className="ga-dl">
              <Row label={t('details.code')}>
                <span className="ga-mono">{d.code}</span>
              </Row>
              {d.parents.map((p, i) => (
                <Row key={p.code} label={t(i === 0 ? 'details.district' : 'details.street')}>
                  {p.name}
                </Row>
              ))}
              <Row label={t('details.area')}>{t('details.areaValue', { value: format.number(d.areaKm2, { maximumFractionDigits: 2 }) })}</Row>
              {d.kind !== 'community' && <Row label={t('details.children')}>{n(d.children)}</Row>}
            </dl>
            <div className="ga-stats">
              <Stat value={n(d.gridsInForce)} label={t('details.gridsInForce')} />
              <Stat value={n(d.households)} label={t('details.households')} />
              <Stat value={n(d.residents)} label={t('details.residents')} />
            </div>
            <dl className="ga-dl">
              <Row label={t('details.openIncidents')}>{n(d.openIncidents)}</Row>
            </dl>
            {/* The street editor works on a street's draft: a street links to its own, a community to its street's. */}
            {canEdit && (d.kind === 'street' || (d.kind === 'community' && d.parents[1])) && (
              <p>
                <a className="ga-link" href={`/editor?street=${d.kind === 'street' ? d.id : d.parents[1]!.id}`}>
                  {t('editor.openEditor')}
                </a>
              </p>
            )}
          </>
        );
        break;
      case 'address':
        body = (
          <dl className="ga-dl">
            <Row label={t('details.code')}>
              <span className="ga-mono">{d.code}</span>
            </Row>
            <Row label={t('details.buildingType')}>{maybe('buildingType', d.buildingType)}</Row>
            <Row label={t('details.households')}>{n(d.households)}</Row>
            <Row label={t('details.residents')}>{n(d.residents)}</Row>
            <Row label={t('details.community')}>{d.community.name}</Row>
            {gridRow(d.grid)}
          </dl>
        );
        break;
      case 'keySite':
        body = (
          <dl className="ga-dl">
            <Row label={t('details.category')}>{maybe('keySiteCategory', d.category)}</Row>
            <Row label={t('details.riskLevel')}>
              <span className={`ga-risk ga-risk-${d.riskLevel}`}>{maybe('riskLevel', String(d.riskLevel))}</span>
            </Row>
            {d.address && <Row label={t('details.address')}>{d.address}</Row>}
            {gridRow(d.grid)}
            <Row label={t('details.openIncidentsNearby')}>{n(d.openIncidentsNearby)}</Row>
          </dl>
        );
        break;
      case 'incident':
        body = (
          <dl className="ga-dl">
            <Row label={t('details.code')}>
              <span className="ga-mono">{d.code}</span>
            </Row>
            <Row label={t('details.class')}>{maybe('incidentClass', d.class)}</Row>
            <Row label={t('details.category')}>{maybe('incidentCategory', d.category)}</Row>
            <Row label={t('details.status')}>
              <span className={`ga-status ga-status-${d.status}`}>{maybe('incidentStatus', d.status)}</span>
              {d.overdue && <span className="ga-flag">{t('details.overdue')}</span>}
              {d.escalated && <span className="ga-flag">{t('details.escalated')}</span>}
            </Row>
            <Row label={t('details.source')}>{maybe('incidentSource', d.source)}</Row>
            {d.description && <Row label={t('details.description')}>{d.description}</Row>}
            {gridRow(d.grid)}
            <Row label={t('details.reportedAt')}>{date(d.reportedAt)}</Row>
            <Row label={t('details.dispatchedAt')}>{date(d.dispatchedAt)}</Row>
            <Row label={t('details.dueAt')}>{date(d.dueAt)}</Row>
            <Row label={t('details.closedAt')}>{date(d.closedAt)}</Row>
          </dl>
        );
        break;
      case 'worker':
        body = (
          <>
            <dl className="ga-dl">
              <Row label={t('details.employment')}>
                <span className={`ga-tag ga-tag-${d.employment}`}>{t(`employment.${d.employment}`)}</span>
                {d.grids.length >= 2 && <span className="ga-flag">{t('details.multipleGrids')}</span>}
              </Row>
              <Row label={t('details.community')}>{d.community.name}</Row>
              <Row label={t('details.phone')}>
                <span className="ga-mono">{d.phone || t('details.none')}</span>
              </Row>
              <Row label={t('details.positionAt')}>{date(d.positionAt)}</Row>
            </dl>
            <h3 className="ga-subheading">{t('details.grids')}</h3>
            {d.grids.length === 0 ? (
              <p className="ga-warning">{t('details.none')}</p>
            ) : (
              <ul className="ga-list">
                {d.grids.map((g) => (
                  <li key={g.code}>
                    <button type="button" className="ga-link" onClick={() => onOpen({ kind: 'grid', code: g.code })}>
                      {g.name}
                    </button>
                    <span className="ga-mono ga-small">{g.code}</span>
                  </li>
                ))}
              </ul>
            )}
          </>
        );
        break;
    }
  }

  const target: FlyTarget | undefined = d
    ? 'bbox' in d && d.bbox
      ? { bbox: d.bbox }
      : 'point' in d && d.point
        ? { point: d.point }
        : undefined
    : undefined;

  return (
    <aside
      className="ga-panel ga-details"
      aria-labelledby={headingId}
      aria-busy={loading}
      data-testid="details-panel"
      // Escape closes the panel from anywhere inside it.
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <div className="ga-panel-header">
        <div className="ga-details-heading">
          <span className={`ga-chip ga-chip-${selection.kind}`}>{t(`kind.${selection.kind}`)}</span>
          <h2 id={headingId} className="ga-panel-title">
            {title || t('details.heading')}
          </h2>
        </div>
        <button ref={closeRef} type="button" className="ga-icon-button" aria-label={t('details.close')} onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div className="ga-panel-body">
        {error?.kind === 'notFound' && <p className="ga-warning">{t('details.notFound')}</p>}
        {error && error.kind !== 'notFound' && (
          <p className="ga-warning" role="alert">
            {error.kind === 'refused' ? error.text : t('details.error')}
          </p>
        )}
        {!error && !d && <p className="ga-muted">{t('details.loading')}</p>}
        {body}
        {target && (
          <button type="button" className="ga-button" onClick={() => onOpen(selection, target)}>
            {t('details.showOnMap')}
          </button>
        )}
        {/* Also when the grid was not in force on the day shown: its history says when it was. */}
        {selection.kind === 'grid' && <GridTimeline code={selection.code} asOf={asOf} onShowDay={onShowDay} />}
      </div>
    </aside>
  );
}
