'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { useTRPC } from '@/app/trpc/client';
import { FiguresTable } from './FiguresTable';
import { SessionPanel } from './SessionPanel';
import { SessionsTable } from './SessionsTable';
import { Syllabus } from './Syllabus';

/**
 * The academy page (网格学院): the "as of" day, the figures per district, the syllabus, the sessions and
 * one session opened at a time with its roster. The server narrows everything to the user's scope.
 */
export function AcademyApp({ manages, managesSyllabus }: { manages: boolean; managesSyllabus: boolean }) {
  const t = useTranslations('academy');
  const trpc = useTRPC();
  const [asOf, setAsOf] = useState('');
  const [openSession, setOpenSession] = useState<number | null>(null);
  const asOfId = useId();
  const day = asOf || undefined;
  const courses = useQuery(trpc.academy.courses.queryOptions({ asOf: day }));
  return (
    <div className="ac-page">
      <h1>{t('page.title')}</h1>
      <p className="ac-intro">{t('page.intro')}</p>
      <p className="ac-intro ga-muted">{manages ? t('page.manages') : t('page.readOnly')}</p>
      <div className="ga-form-row">
        <label className="ga-field" htmlFor={asOfId}>
          {t('asOf')}
          <input id={asOfId} type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
        </label>
      </div>
      <FiguresTable asOf={day} />
      <Syllabus query={courses} managesSyllabus={managesSyllabus} />
      <SessionsTable asOf={day} courses={courses.data ?? []} manages={manages} onOpen={setOpenSession} openSession={openSession} />
      {openSession !== null && (
        <SessionPanel key={openSession} sessionId={openSession} asOf={day} manages={manages} onClose={() => setOpenSession(null)} />
      )}
    </div>
  );
}
