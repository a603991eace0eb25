'use client';

import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { formatLimit } from './limits';

/** A limit in minutes as the user's language writes it: "1 天 2 小时", "1 day 2 hours". */
export function useLimitText(): (minutes: number) => string {
  const t = useTranslations('catalogue');
  return useCallback((minutes: number) => formatLimit(minutes, (unit, count) => t(`limit.${unit}`, { count }), t('limitSeparator')), [t]);
}
