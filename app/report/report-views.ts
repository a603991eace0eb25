/**
 * The views of /report and who gets which: a grid worker (incident_handle) reports from patrol, works
 * through their cases, writes the day's patrol log (民情日志) and inspects the key sites of their grids;
 * the command centre (incident_command) takes hotline calls (一号通); anyone else who may report files a
 * patrol report. A user with both sees every view and switches between them. The log and the
 * inspections are a worker record's own: only a user who is one (a grid worker grant) gets them.
 */
import type { ActorView } from '@/server/auth/policy';

export const REPORT_VIEWS = ['patrol', 'mine', 'log', 'inspect', 'hotline'] as const;
export type ReportView = (typeof REPORT_VIEWS)[number];

type Capability = ActorView['capabilities'][number];

export function reportViews(capabilities: readonly Capability[], isWorker = false): ReportView[] {
  const handles = capabilities.includes('incident_handle');
  const commands = capabilities.includes('incident_command');
  return REPORT_VIEWS.filter((v) => {
    switch (v) {
      case 'patrol':
        return handles || !commands;
      case 'mine':
        return handles;
      case 'log':
      case 'inspect':
        return handles && isWorker;
      case 'hotline':
        return commands;
    }
  });
}

/** The view a link asks for (`?view=`) when the user has it, else their first. */
export function initialView(views: readonly ReportView[], asked: string | undefined): ReportView {
  return views.find((v) => v === asked) ?? views[0] ?? 'patrol';
}

