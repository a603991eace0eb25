'use client';

import { useQuery } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useErrorText } from '@/app/admin/outcome';
import { useTRPC } from '@/app/trpc/client';

/** The figures per district of the caller's jurisdiction: trained share, training hours, pass rate. */
export function FiguresTable({ asOf }: { asOf: string | undefined }) {
  const t = useTranslations('academy.figures');
  const trpc = useTRPC();
  const format = useFormatter();
  const message = useErrorText();
  const figures = useQuery(trpc.academy.figures.queryOptions({ asOf }));
  const pct = (v: number | null) => (v === null ? t('none') : format.number(v, { style: 'percent', maximumFractionDigits: 1 }));
  const n = (v: number) => format.number(v, { maximumFractionDigits: 1 });
  return (
    <section className="ga-card" aria-labelledby="ac-figures-title" data-testid="academy-figures">
      <h2 id="ac-figures-title">{t('title')}</h2>
      {figures.error != null && (
        <p role="alert" className="ga-form-error">
          {message(figures.error)}
        </p>
      )}
      {figures.data && figures.data.length === 0 && <p>{t('empty')}</p>}
      {figures.data && figures.data.length > 0 && (
        <div className="ac-table-wrap">
          <table className="ga-table">
            <caption>{t('caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('district')}</th>
                <th scope="col">{t('active')}</th>
                <th scope="col">{t('trained')}</th>
                <th scope="col">{t('trainedShare')}</th>
                <th scope="col">{t('hours')}</th>
                <th scope="col">{t('taken')}</th>
                <th scope="col">{t('passRate')}</th>
              </tr>
            </thead>
            <tbody>
              {figures.data.map((r) => (
                <tr key={r.district.code}>
                  <th scope="row">{r.district.name}</th>
                  <td className="ac-number">{n(r.activeWorkers)}</td>
                  <td className="ac-number">{n(r.trainedWorkers)}</td>
                  <td className="ac-number">{pct(r.trainedShare)}</td>
                  <td className="ac-number">{n(r.trainingHours)}</td>
                  <td className="ac-number">{n(r.examsTaken)}</td>
                  <td className="ac-number">{pct(r.passRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
