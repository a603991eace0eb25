import { chinaDayOf } from '@/geo/time/china-day';
import { admit, errorResponse } from '@/server/http/route-guard';
import { ASSESSMENT_GROUPS, assessment, assessmentCsv, type AssessmentGroup } from '@/server/incidents/assessment';
import { DomainError } from '@/server/errors/domain-error';
import { RequestError } from '@/server/errors/request-errors';

export const dynamic = 'force-dynamic';

const AREA = /^[0-9]{6}([0-9]{3}([0-9]{3}([0-9]{3})?)?)?$/;

/**
 * GET /api/assessment/{grid|street|district|department|worker}.csv?from=ISO&to=ISO[&areaCode=][&locale=en]:
 * the assessment table of the period as CSV, within the caller's incidents scope.
 */
export async function GET(request: Request, { params }: { params: Promise<{ group: string }> }) {
  const admission = await admit(request, 'GET /api/assessment/{group}');
  if (!admission.ok) return errorResponse(admission.error);
  const group = (await params).group.replace(/\.csv$/, '');
  const url = new URL(request.url);
  const from = new Date(url.searchParams.get('from') ?? '');
  const to = new Date(url.searchParams.get('to') ?? '');
  const areaCode = url.searchParams.get('areaCode') ?? undefined;
  if (!(ASSESSMENT_GROUPS as readonly string[]).includes(group) || Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || (areaCode && !AREA.test(areaCode))) {
    return errorResponse(new RequestError('INPUT_INVALID', 'group, from, to, areaCode'));
  }
  try {
    const rows = await assessment(admission.db, admission.scope!, { groupBy: group as AssessmentGroup, from, to, areaCode });
    const locale = url.searchParams.get('locale') === 'en' ? 'en' : 'zh-CN';
    return new Response(assessmentCsv(rows, locale), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        // The China days the period covers (it ends before `to`).
        'Content-Disposition': `attachment; filename="assessment-${group}-${chinaDayOf(from)}-${chinaDayOf(new Date(to.getTime() - 1))}.csv"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (e) {
    if (e instanceof DomainError) return errorResponse(e);
    throw e;
  }
}
