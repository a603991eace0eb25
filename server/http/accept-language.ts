/**
 * The language of an answer to a partner system (Open311, the OGC API). They have no session and no
 * locale cookie, so the request's Accept-Language decides: English when it prefers English to Chinese,
 * Chinese otherwise (the hotline and the districts' apps are Chinese; a header naming neither reads
 * Chinese too).
 */
export type HeaderLocale = 'zh-CN' | 'en';

/** The first of zh/en by quality in an Accept-Language header (`en-GB;q=0.8, zh;q=0.5` → en). */
export function preferredLocale(acceptLanguage: string | null): HeaderLocale {
  if (!acceptLanguage) return 'zh-CN';
  let best: { locale: HeaderLocale; q: number } | null = null;
  // At most 20 entries: a header is no place for more, and a long one must not cost anything.
  for (const entry of acceptLanguage.split(',').slice(0, 20)) {
    const [tag = '', ...params] = entry.trim().toLowerCase().split(';');
    const primary = tag.trim().split('-')[0];
    if (primary !== 'zh' && primary !== 'en') continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    // q=0 means "not this one"; a malformed q counts as absent from the header.
    if (!Number.isFinite(q) || q <= 0 || q > 1) continue;
    // Equal qualities: the one named first wins.
    if (!best || q > best.q) best = { locale: primary === 'en' ? 'en' : 'zh-CN', q };
  }
  return best?.locale ?? 'zh-CN';
}
