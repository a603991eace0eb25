'use client';

import { useTranslations } from 'next-intl';
import type { FeatureCollection, MultiPolygon } from 'geojson';
import type { ScenarioGridProperties } from '@/server/planner/scenarios';
import type { PlannerFormat } from './format';
import type { MapPick } from './planner-map-controller';
import { normClass, type Norm } from './planner-map-style';

export type ScenarioGrids = FeatureCollection<MultiPolygon, ScenarioGridProperties>;

export interface GridDetailsProps {
  pick: MapPick | null;
  grids: ScenarioGrids | undefined;
  norm: Norm | null;
  format: PlannerFormat;
}

/** The picked grid: a scenario grid's figures, or what the tiles say of a grid in force. */
export function GridDetails({ pick, grids, norm, format }: GridDetailsProps) {
  const t = useTranslations('planner.grid');
  const tClass = useTranslations('planner.legend');
  if (!pick) return <p className="ga-small ga-muted pn-grid-details-empty">{t('none')}</p>;
  if (pick.kind === 'today') {
    return (
      <div className="pn-grid-details" data-testid="planner-grid-details">
        <h3>
          {t('todayTitle')} <span className="ga-mono">{pick.code}</span>
        </h3>
        <dl className="pn-dl">
          <dt>{t('households')}</dt>
          <dd>{format.count(pick.households)}</dd>
          <dt>{t('residents')}</dt>
          <dd>{format.count(pick.residents)}</dd>
          {norm && pick.households !== null && (
            <>
              <dt>{t('norm')}</dt>
              <dd>{tClass(normClass(pick.households, pick.gridKind, norm))}</dd>
            </>
          )}
        </dl>
      </div>
    );
  }
  const f = grids?.features.find((g) => g.properties.gridNo === pick.gridNo);
  if (!f) return null;
  const p = f.properties;
  return (
    <div className="pn-grid-details" data-testid="planner-grid-details" data-grid-no={p.gridNo}>
      <h3>
        {t('scenarioTitle', { no: p.gridNo })} {p.code ? <span className="ga-mono">{p.code}</span> : <span className="pn-badge pn-badge-new">{t('newGrid')}</span>}
      </h3>
      <dl className="pn-dl">
        <dt>{t('community')}</dt>
        <dd>{p.communityName}</dd>
        <dt>{t('kind')}</dt>
        <dd>{t(`kinds.${p.kind}`)}</dd>
        <dt>{t('households')}</dt>
        <dd>{format.count(p.households)}</dd>
        <dt>{t('residents')}</dt>
        <dd>{format.count(p.residents)}</dd>
        <dt>{t('addresses')}</dt>
        <dd>{format.count(p.addresses)}</dd>
        <dt>{t('compactness')}</dt>
        <dd>{format.ratio(p.polsbyPopper)}</dd>
        {norm && (
          <>
            <dt>{t('norm')}</dt>
            <dd>{tClass(normClass(p.households, p.kind, norm))}</dd>
          </>
        )}
        <dt>{t('change')}</dt>
        <dd>{p.kept ? t('kept') : p.unchanged ? t('unchanged') : p.code ? t('reshaped') : t('added')}</dd>
      </dl>
    </div>
  );
}
