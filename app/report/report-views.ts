/**
 * The views of /report and who gets which: a grid worker (incident_handle) reports from patrol and works
 * through their cases; the command centre (incident_command) takes hotline calls (一号通); anyone else
 * who may report files a patrol report. A user with both sees every view and switches between them.
 */
import type { ActorView } from '@/server/auth/policy';

export const REPORT_VIEWS = ['patrol', 'mine', 'hotline'] as const;
export type ReportView = (typeof REPORT_VIEWS)[number];

type Capability = ActorView['capabilities'][number];

export function reportViews(capabilities: readonly Capability[]): ReportView[] {
  const handles = capabilities.includes('incident_handle');
  const commands = capabilities.includes('incident_command');
  return REPORT_VIEWS.filter((v) => (v === 'patrol' ? handles || !commands : v === 'mine' ? handles : commands));
}

/** The view a link asks for (`?view=`) when the user has it, else their first. */
export function initialView(views: readonly ReportView[], asked: string | undefined): ReportView {
  return views.find((v) => v === asked) ?? views[0] ?? 'patrol';
}
