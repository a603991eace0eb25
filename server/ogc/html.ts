/**
 * The HTML of the endpoint (conformance class html): each JSON document as a page a person reads in a
 * browser, in the request's language, with the same links (a feature's geometry is left to the JSON).
 * Every text from the data is escaped; the pages load nothing (no script, no style sheet, no font).
 */
import type { HeaderLocale } from '../http/accept-language';
import type { OgcLink } from './documents';
import type { OgcFeature } from './features';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const STYLE = `body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:1.5rem;max-width:72rem;color:#1f2937}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #d1d5db;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f4f6}code{background:#f3f4f6;padding:0 .2rem}nav a{margin-right:1rem}`;

export function page(locale: HeaderLocale, title: string, body: string, links: readonly OgcLink[] = []): string {
  const nav = links
    .filter((l) => l.rel !== 'self')
    .map((l) => `<li><a href="${escapeHtml(l.href)}" rel="${escapeHtml(l.rel)}" type="${escapeHtml(l.type)}">${escapeHtml(l.title ?? l.rel)}</a></li>`)
    .join('');
  return `<!doctype html>
<html lang="${locale === 'en' ? 'en' : 'zh-CN'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}${nav ? `<h2>${locale === 'en' ? 'Links' : '链接'}</h2><ul>${nav}</ul>` : ''}</main></body></html>`;
}

export const paragraph = (text: string) => `<p>${escapeHtml(text)}</p>`;

export function list(items: readonly { href: string; text: string; note?: string }[]): string {
  return `<ul>${items.map((i) => `<li><a href="${escapeHtml(i.href)}">${escapeHtml(i.text)}</a>${i.note ? ` — ${escapeHtml(i.note)}` : ''}</li>`).join('')}</ul>`;
}

/** Features as one table: id (linked to the feature's page), then each property. */
export function featureTable(locale: HeaderLocale, features: readonly OgcFeature[], hrefOf: (id: string) => string, columns: readonly { name: string; title: string }[]): string {
  const head = `<tr><th scope="col">id</th>${columns.map((c) => `<th scope="col" title="${escapeHtml(c.name)}">${escapeHtml(c.title)}</th>`).join('')}</tr>`;
  const rows = features
    .map((f) => `<tr><th scope="row"><a href="${escapeHtml(hrefOf(f.id))}">${escapeHtml(f.id)}</a></th>${columns.map((c) => `<td>${escapeHtml(String(f.properties[c.name] ?? ''))}</td>`).join('')}</tr>`)
    .join('');
  const caption = locale === 'en' ? `${features.length} features` : `${features.length} 个要素`;
  return `<table><caption>${escapeHtml(caption)}</caption><thead>${head}</thead><tbody>${rows}</tbody></table>`;
}
