import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ScanNotFound, ScanReport } from './ScanReport';
import { pageAccess } from '@/server/auth/page-guard';
import { codeInScope, scopeOf } from '@/server/auth/policy';
import { DomainError } from '@/server/errors/domain-error';
import { scannedPlace, type PlaceOfCode } from '@/server/incidents/places';
import { NoAccess } from '@/app/NoAccess';
import { PageShell } from '@/app/PageShell';
import { UserMenu } from '@/app/UserMenu';
import { parseScanCode } from '@/app/report/scan-code';
import '@/app/report/report.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: `${t('incidents.scan.title')} · ${t('app.title')}` };
}

/**
 * /r/a/<address code>, /r/k/<key site id>: the report form a place's printed QR code opens (扫码定责).
 * The code names the place, so the report goes to that place's grid and worker, shown before anything is
 * typed. Security: incident_report; the report itself is accepted only inside the reporter's scope, so a
 * place outside it says so instead of offering a form the server would refuse.
 */
export default async function ScanPage({ params }: { params: Promise<{ kind: string; code: string }> }) {
  const { kind, code } = await params;
  const access = await pageAccess('GET /r/{kind}/{code}', `/r/${encodeURIComponent(kind)}/${encodeURIComponent(code)}`);
  if (!access.allowed) return <NoAccess view={access.view} reason={access.reason} />;
  const shell = (content: React.ReactNode) => <PageShell user={<UserMenu viewer={access.view} />}>{content}</PageShell>;

  const scanned = parseScanCode(kind, code);
  if (!scanned) return shell(<ScanNotFound code={code} />);
  let found: PlaceOfCode;
  try {
    found = await scannedPlace(scanned);
  } catch (err) {
    // An unknown address or key site: the page's own "not found". Any other refusal (a place outside the
    // city) in the server's words.
    if (err instanceof DomainError) return shell(<ScanNotFound code={code} reason={err.kind === 'not_found' ? null : err.text} />);
    throw err;
  }
  const scope = scopeOf(access.actor, 'incident_report');
  // The rule intake applies (server/incidents/intake.ts): inside a grid of the scope, or anywhere for a city-wide one.
  const inScope = found.grid ? codeInScope(scope, found.grid.code) : scope?.all === true;
  return shell(
    <ScanReport
      kind={scanned.kind}
      code={scanned.code}
      label={found.label}
      place={found.place}
      grid={found.grid}
      worker={found.gridWorker}
      inScope={inScope}
    />,
  );
}
