import { getTranslations } from 'next-intl/server';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const t = await getTranslations('app');
  return <main><h1>{t('title')}</h1></main>;
}
