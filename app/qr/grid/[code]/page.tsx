import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { headers } from 'next/headers';
import Link from 'next/link';
import { localized, withDetail } from '@/geo/text/localized-text';
import { pageAccess } from '@/server/auth/page-guard';
import { codeInScope, scopeOf } from '@/server/auth/policy';
import { currentGridQrSheet, qrSvg, reportPath, requestOrigin } from '@/server/incidents/qr-sheet';
import en from '@/app/i18n/messages/incidents.en.json';
import zh from '@/app/i18n/messages/incidents.zh-CN.json';
import { NoAccess } from '@/app/NoAccess';
import { PageShell } from '@/app/PageShell';
import { pathWithQuery } from '@/app/request-path';
import { UserMenu } from '@/app/UserMenu';
import { isGridCode, sheetPage } from '@/app/report/scan-code';
import { PrintButton } from './PrintButton';
import './qr-sheet.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: `${t('incidents.qr.pageTitle')} · ${t('app.title')}` };
}

interface Label {
  key: string;
  text: string;
  number: string;
  svg: string;
}

/**
 * /qr/grid/<grid code>[?page=n]: the printable code sheet of a grid in force (扫码定责): a label with a QR
 * code for every standard address and key site a scan reports to this grid, A4 pages of labels to cut and
 * put up. The codes carry the address the reader reached the app at (the request's host), never a fixed
 * one. Security: incident_report over the grid (a grid worker their own grids, the command centre its
 * jurisdiction); a grid outside says why.
 */
export default async function QrSheetPage({
  params,
  searchParams,
}: {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { code } = await params;
  const query = await searchParams;
  const access = await pageAccess('GET /qr/grid/{code}', pathWithQuery(`/qr/grid/${encodeURIComponent(code)}`, query));
  if (!access.allowed) return <NoAccess view={access.view} reason={access.reason} />;
  const t = await getTranslations('incidents.qr');
  const shell = (content: React.ReactNode) => (
    <PageShell wide user={<UserMenu viewer={access.view} />}>
      {content}
    </PageShell>
  );
  const notFound = () =>
    shell(
      <section className="ga-card" aria-labelledby="qr-not-found">
        <h1 id="qr-not-found">{t('notFoundTitle')}</h1>
        <p className="ga-form-error" data-testid="qr-not-found">
          {t('notFound', { code: code.slice(0, 40) })}
        </p>
        <p className="ga-card-actions">
          <Link className="ga-primary" href="/report">
            {t('toReport')}
          </Link>
        </p>
      </section>,
    );

  if (!isGridCode(code)) return notFound();
  // Outside the scope whether or not the grid exists: the answer does not tell which grids there are.
  if (!codeInScope(scopeOf(access.actor, 'incident_report'), code)) {
    return <NoAccess view={access.view} reason={withDetail(localized(zh.incidents.qr.outsideScope, en.incidents.qr.outsideScope), code)} />;
  }
  const sheet = await currentGridQrSheet(code, sheetPage(query.page));
  if (!sheet) return notFound();

  const origin = requestOrigin(await headers());
  const label = async (key: string, path: string, text: string, number: string): Promise<Label> => ({ key, text, number, svg: await qrSvg(`${origin}${path}`) });
  const keySites = await Promise.all(
    sheet.keySites.map((k) => label(`k${k.id}`, reportPath({ kind: 'key_site', id: k.id }), k.address ? `${k.name}（${k.address}）` : k.name, t('keySiteNumber', { id: k.id }))),
  );
  const addresses = await Promise.all(sheet.addresses.map((a) => label(`a${a.id}`, reportPath({ kind: 'address', code: a.code }), a.address, a.code)));
  const pageLink = (n: number) => pathWithQuery(`/qr/grid/${code}`, { page: String(n) });

  const labels = (items: Label[]) => (
    <ul className="qr-labels">
      {items.map((l) => (
        <li key={l.key} className="qr-label">
          {/* The SVG is the qrcode package's own rendering of our URL: no user text inside it. */}
          <div className="qr-code" role="img" aria-label={t('codeOf', { text: l.text })} dangerouslySetInnerHTML={{ __html: l.svg }} />
          <p className="qr-text">{l.text}</p>
          <p className="qr-number">{l.number}</p>
          <p className="qr-foot">{t('labelFoot', { grid: sheet.grid.name })}</p>
        </li>
      ))}
    </ul>
  );

  return shell(
    <div className="qr-sheet">
      <header className="qr-head">
        <div>
          <h1>{t('title', { name: sheet.grid.name })}</h1>
          <p className="qr-where">
            {sheet.grid.district} · {sheet.grid.street} · {sheet.grid.community} · {t('gridCode')} <span className="ga-mono">{sheet.grid.code}</span>
          </p>
          <p className="qr-counts">{t('counts', { addresses: sheet.addressCount, keySites: sheet.keySiteCount })}</p>
        </div>
        <div className="qr-tools">
          <PrintButton />
          <p className="ga-field-hint qr-hint">{t('printHint')}</p>
        </div>
      </header>
      {sheet.pages > 1 && (
        <nav className="qr-pages" aria-label={t('pagesLabel')}>
          <span>{t('pageOf', { page: sheet.page, pages: sheet.pages, size: addresses.length })}</span>
          {sheet.page > 1 && (
            <Link className="ga-secondary" href={pageLink(sheet.page - 1)}>
              {t('previous')}
            </Link>
          )}
          {sheet.page < sheet.pages && (
            <Link className="ga-secondary" href={pageLink(sheet.page + 1)}>
              {t('next')}
            </Link>
          )}
        </nav>
      )}
      {keySites.length > 0 && (
        <section aria-labelledby="qr-key-sites" className="qr-section">
          <h2 id="qr-key-sites">{t('keySites', { count: keySites.length })}</h2>
          {labels(keySites)}
        </section>
      )}
      {addresses.length > 0 && (
        <section aria-labelledby="qr-addresses" className="qr-section">
          <h2 id="qr-addresses">{t('addresses', { count: sheet.addressCount })}</h2>
          {labels(addresses)}
        </section>
      )}
      {keySites.length === 0 && addresses.length === 0 && <p className="ga-card">{t('empty')}</p>}
    </div>,
  );
}
