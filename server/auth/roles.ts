/**
 * The roles of GridAtlas and the levels of jurisdiction they are held at. Names follow the reports'
 * procedure: streets draw (街道初划), districts review (区级审核), the city files (市级备案).
 */
import { localized, type LocalizedText } from '@/geo/text/localized-text';

export const ROLES = [
  'street_editor',
  'district_reviewer',
  'city_filer',
  'command_operator',
  'planner',
  'grid_worker',
  'department_reader',
  'administrator',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, LocalizedText>> = {
  street_editor: localized('街道网格编辑', 'Street editor'),
  district_reviewer: localized('区级审核', 'District reviewer'),
  city_filer: localized('市级备案', 'City filer'),
  command_operator: localized('指挥中心', 'Command-centre operator'),
  planner: localized('规划', 'Planner'),
  grid_worker: localized('网格员', 'Grid worker'),
  department_reader: localized('部门（只读）', 'Department reader'),
  administrator: localized('系统管理员', 'Administrator'),
};

export type JurisdictionLevel = 'city' | 'district' | 'street';

/** The levels a role may be held at (the database checks the same: migrations/0015). */
export const ROLE_LEVELS: Readonly<Record<Role, readonly JurisdictionLevel[]>> = {
  street_editor: ['street'],
  district_reviewer: ['district'],
  city_filer: ['city'],
  command_operator: ['city', 'district', 'street'],
  planner: ['city', 'district', 'street'],
  grid_worker: ['street'],
  department_reader: ['city', 'district', 'street'],
  administrator: ['city', 'district', 'street'],
};

/** The data layers a department reader can be given, besides the shared map of boundaries and grids. */
export const DATA_LAYERS = ['addresses', 'key_sites', 'incidents'] as const;
export type DataLayer = (typeof DATA_LAYERS)[number];

/** "Base data only" (一标三实 and key sites): what the demo police reader holds. */
export const BASE_DATA_LAYERS: readonly DataLayer[] = ['addresses', 'key_sites'];
