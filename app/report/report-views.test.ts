import { describe, expect, it } from 'vitest';
import { initialView, reportViews } from './report-views';

describe('the views of /report', () => {
  it('follow the capabilities', () => {
    expect(reportViews(['map', 'incidents', 'incident_report', 'incident_handle'])).toEqual(['patrol', 'mine']);
    expect(reportViews(['map', 'incidents', 'incident_report', 'incident_command'])).toEqual(['hotline']);
    expect(reportViews(['incident_report', 'incident_handle', 'incident_command'])).toEqual(['patrol', 'mine', 'hotline']);
    expect(reportViews(['incident_report'])).toEqual(['patrol']);
  });

  it("give a grid worker their day's log and the key sites to inspect", () => {
    expect(reportViews(['map', 'incidents', 'incident_report', 'incident_handle', 'worker_positions'], true)).toEqual(['patrol', 'mine', 'log', 'inspect']);
    expect(reportViews(['incident_report', 'incident_handle', 'incident_command'], true)).toEqual(['patrol', 'mine', 'log', 'inspect', 'hotline']);
    // Without a worker record there is no log of one's own.
    expect(reportViews(['incident_report', 'incident_handle'], false)).toEqual(['patrol', 'mine']);
    expect(reportViews(['incident_report', 'incident_command'], true)).toEqual(['hotline']);
  });

  it('open the view a link asks for when the user has it', () => {
    expect(initialView(['patrol', 'mine'], 'mine')).toBe('mine');
    expect(initialView(['patrol', 'mine'], 'hotline')).toBe('patrol');
    expect(initialView(['hotline'], undefined)).toBe('hotline');
  });
});
