'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { LOCALE_COOKIE, type Locale } from '@/app/i18n/locales';

/** zh-CN ⇄ English. The choice is a cookie read by app/i18n/request.ts; the page re-renders in place. */
export function LocaleSwitch() {
  const t = useTranslations('locale');
  const locale = useLocale() as Locale;
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const next: Locale = locale === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <button
      type="button"
      className="ga-locale"
      lang={next}
      aria-label={t('switchToLabel')}
      aria-busy={pending}
      onClick={() => {
        document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
        document.documentElement.lang = next;
        startTransition(() => router.refresh());
      }}
    >
      <span aria-hidden="true" className="ga-locale-icon">文A</span>
      {t('switchTo')}
    </button>
  );
}
