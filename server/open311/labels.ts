/**
 * The names of the incident classes and states as the app shows them: read from its message files, the
 * one home of those labels, so that a partner reads the same words as the command centre.
 */
import type { IncidentState } from '@/geo/incidents/incident-states';
import { localized, type LocalizedText } from '@/geo/text/localized-text';
import en from '@/app/i18n/messages/en.json';
import zh from '@/app/i18n/messages/zh-CN.json';

export type IncidentClass = 'component' | 'event';

/** 部件 / 事件: an Open311 service's group. */
export const classLabel = (c: IncidentClass): LocalizedText => localized(zh.incidentClass[c], en.incidentClass[c]);

/** 已派遣 / Dispatched: a state of the loop, carried in a request's status_notes. */
export const stateLabel = (s: IncidentState): LocalizedText => localized(zh.incidentStatus[s], en.incidentStatus[s]);
