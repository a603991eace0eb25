/**
 * The one type of every text a user reads: zh-CN first (the users are Chinese government staff), English
 * one click away. Errors, findings, notes and warnings all carry one; nothing user-facing is English-only.
 */
export interface LocalizedText {
  'zh-CN': string;
  en: string;
}

export const localized = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });

/** A text followed by a detail (a code, a number, a reason), punctuated for each language. */
export function withDetail(text: LocalizedText, detail: string | LocalizedText | undefined): LocalizedText {
  if (detail === undefined || detail === '') return text;
  const d = typeof detail === 'string' ? localized(detail, detail) : detail;
  return localized(`${text['zh-CN']}：${d['zh-CN']}`, `${text.en}: ${d.en}`);
}

/** The text in one language; anything but English reads Chinese. */
export const textIn = (text: LocalizedText, locale: string): string => (locale === 'en' ? text.en : text['zh-CN']);
