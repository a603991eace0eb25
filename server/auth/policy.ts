/**
 * Who may see and do what: the one authorization module.
 *
 * 1. What each role's grant gives (GRANT_CAPABILITIES): a capability, over the grant's jurisdiction, the
 *    whole city, or the grid worker's own grids.
 * 2. What every tRPC procedure (PROCEDURE_POLICY) and every HTTP route (ROUTE_POLICY) requires: a
 *    capability and how the jurisdiction of its input is checked. A procedure or route without an entry
 *    is refused (deny by default); the access matrix test fails when one is missing.
 *
 * Jurisdictions are checked by code: GB/T 2260 codes nest (district 320102 ⊃ street 320102008 ⊃
 * community 320102008001 ⊃ grid 320102008001001), so a scope is a set of code prefixes.
 */
import type { Actor, Grant, Jurisdiction } from './actor';
import type { DataLayer, Role } from './roles';

/** What can be granted. Each names a kind of data or action, never a page. */
export type Capability =
  /** The shared map: boundaries, grids in force, labels, search, the norm. */
  | 'map'
  | 'addresses'
  | 'key_sites'
  /** Incidents (cases): their points, lists and details. */
  | 'incidents'
  /** Workers' live positions. */
  | 'worker_positions'
  /** Workers' names and phone numbers; later, reporters of incidents and households' details. */
  | 'personal_data'
  | 'draft_read'
  | 'draft_edit'
  /** District review of a street's plan (区级审核): start, return, approve, reject; approve arrangements. */
  | 'plan_review'
  /** City filing of an approved plan (市级备案). */
  | 'plan_file'
  /** The stateless topology check of grids sent in (the validate API). */
  | 'topology_validate'
  /** Filing a new incident (上报): a grid worker in their grids, the command centre's hotline desk. */
  | 'incident_report'
  /** Running the loop from the command centre: accept, dispatch, close, record the evaluation. */
  | 'incident_command'
  /** Handling a case dispatched to oneself and verifying on site (核查) in one's own grids. */
  | 'incident_handle'
  /** The incident catalogue (categories, departments' limits) and partner systems' keys; the planner's pricing. */
  | 'catalogue_admin'
  /** Re-division scenarios (网格优化测算): run, save, compare, export, promote to the streets' drafts. */
  | 'planning'
  /** Bulk imports of standard addresses (标准地址批量导入) into the communities of one's jurisdiction. */
  | 'address_import'
  /** Staffing (队伍管理): the workers' register, stages and grids, compliance figures, headcount and subsidy. */
  | 'staffing'
  /** Changing staffing: stage changes, assessments, assigning and moving workers (the operator of the street). */
  | 'staffing_manage'
  /** The grid academy (网格学院): syllabus, sessions, the academy records of the jurisdiction's workers, its figures; enrolling them. */
  | 'academy'
  /** Running the academy: scheduling sessions, recording attendance and exam scores (the city's administrator also the syllabus). */
  | 'academy_manage'
  /** Users, roles and jurisdictions; the security log. */
  | 'user_admin';

/** How far a grant's capability reaches: its jurisdiction, the whole city, or the grid worker's own grids. */
type Reach = 'jurisdiction' | 'city' | 'own';

const SHARED_MAP: Partial<Record<Capability, Reach>> = { map: 'city', addresses: 'city', key_sites: 'city' };

export const GRANT_CAPABILITIES: Readonly<Record<Role, Partial<Record<Capability, Reach>>>> = {
  street_editor: {
    ...SHARED_MAP,
    incidents: 'jurisdiction',
    worker_positions: 'jurisdiction',
    personal_data: 'jurisdiction',
    draft_read: 'jurisdiction',
    draft_edit: 'jurisdiction',
    topology_validate: 'city',
    address_import: 'jurisdiction',
    // The street's editors are its operators: they keep its workers' register and posts.
    staffing: 'jurisdiction',
    staffing_manage: 'jurisdiction',
    // The street's operators read the academy and enrol their workers; the district runs the classes.
    academy: 'jurisdiction',
  },
  district_reviewer: {
    ...SHARED_MAP,
    incidents: 'jurisdiction',
    worker_positions: 'jurisdiction',
    personal_data: 'jurisdiction',
    draft_read: 'jurisdiction',
    plan_review: 'jurisdiction',
    topology_validate: 'city',
    staffing: 'jurisdiction',
    academy: 'jurisdiction',
    academy_manage: 'jurisdiction',
  },
  city_filer: { ...SHARED_MAP, incidents: 'jurisdiction', draft_read: 'jurisdiction', plan_file: 'jurisdiction', topology_validate: 'city' },
  command_operator: {
    ...SHARED_MAP,
    incidents: 'jurisdiction',
    worker_positions: 'jurisdiction',
    personal_data: 'jurisdiction',
    incident_report: 'jurisdiction',
    incident_command: 'jurisdiction',
    staffing: 'jurisdiction',
  },
  // Planners price headcount from counts; they need no one's name or phone. They read the draft plans
  // their scenarios become (the street edits and submits them).
  planner: { ...SHARED_MAP, incidents: 'jurisdiction', topology_validate: 'city', planning: 'jurisdiction', draft_read: 'jurisdiction' },
  grid_worker: { ...SHARED_MAP, incidents: 'own', worker_positions: 'own', personal_data: 'own', incident_report: 'own', incident_handle: 'own' },
  // The boundaries only; the data layers come from the grant's chosen layers (layerCapabilities).
  department_reader: { map: 'city' },
  // Administrators manage accounts; operational data is for the operational roles. They keep the base
  // data's registers too: the city's administrator loads the doorplate file of the public-security register.
  // The academy's sessions, attendance and scores of their jurisdiction; the city's administrator its syllabus.
  administrator: {
    ...SHARED_MAP,
    user_admin: 'jurisdiction',
    catalogue_admin: 'jurisdiction',
    address_import: 'jurisdiction',
    staffing: 'jurisdiction',
    academy: 'jurisdiction',
    academy_manage: 'jurisdiction',
  },
};

const layerCapabilities = (layers: readonly DataLayer[] | null): Partial<Record<Capability, Reach>> =>
  Object.fromEntries((layers ?? []).map((l) => [l, 'city'])) as Partial<Record<Capability, Reach>>;

/**
 * Where a capability reaches for one actor: everywhere, or the areas whose codes start with one of
 * `prefixes`, plus the worker records in `workerIds` (a grid worker sees themself).
 */
export type Scope = { all: true } | { all: false; prefixes: string[]; workerIds: number[] };

/** The code prefix every area of a jurisdiction starts with. A prefecture city 320100 holds 3201xx. */
export function jurisdictionPrefix(j: Pick<Jurisdiction, 'level' | 'code'>): string {
  if (j.level !== 'city') return j.code;
  return j.code.endsWith('0000') ? j.code.slice(0, 2) : j.code.slice(0, 4);
}

function grantReach(grant: Grant, capability: Capability): Reach | undefined {
  const own = GRANT_CAPABILITIES[grant.role][capability];
  return own ?? (grant.role === 'department_reader' ? layerCapabilities(grant.layers)[capability] : undefined);
}

/** The union of what the actor's grants give for `capability`; null when none gives it at all. */
export function scopeOf(actor: Actor, capability: Capability): Scope | null {
  const prefixes = new Set<string>();
  const workerIds = new Set<number>();
  let any = false;
  for (const grant of actor.grants) {
    const reach = grantReach(grant, capability);
    if (!reach) continue;
    any = true;
    if (reach === 'city') return { all: true };
    if (reach === 'jurisdiction') {
      if (grant.jurisdiction.level === 'city') return { all: true };
      prefixes.add(jurisdictionPrefix(grant.jurisdiction));
    } else {
      for (const code of grant.gridCodes) prefixes.add(code);
      if (grant.workerId != null) workerIds.add(grant.workerId);
    }
  }
  return any ? { all: false, prefixes: [...prefixes].sort(), workerIds: [...workerIds].sort((a, b) => a - b) } : null;
}

/** Whether an area, grid or anything coded under one lies in the scope. */
export function codeInScope(scope: Scope | null, code: string | null | undefined): boolean {
  if (!scope) return false;
  if (scope.all) return true;
  return !!code && scope.prefixes.some((p) => code.startsWith(p));
}

/**
 * The scope as the data layer's code patterns (server/data/sql.ts codeMatchesSql): null for everywhere,
 * else LIKE patterns of the prefixes (codes are digits, so no wildcard can hide in them).
 */
export function scopePatterns(scope: Scope): string[] | null {
  return scope.all ? null : scope.prefixes.map((p) => `${p}%`);
}

/** A short stable key of a scope, e.g. for cache keys: the same key means the same rows. */
export function scopeKey(scope: Scope): string {
  return scope.all ? '*' : `${scope.prefixes.join(',')}|${scope.workerIds.join(',')}`;
}

// ---------------------------------------------------------------------------------------------------
// What every procedure and route requires.

/**
 * - capability: the actor must hold it (somewhere).
 * - jurisdiction: which input names the thing whose jurisdiction is checked against the capability's
 *   scope: 'street' (input.streetId) or 'draft' (input.draftId, its street). A draft outside answers as
 *   not found; a street outside as out of jurisdiction.
 * - signedInOnly: no capability, only a session (the caller's own account).
 * - whilePasswordChangeRequired: allowed before a reset password is changed (all else is refused).
 */
export type Policy =
  | { capability: Capability; jurisdiction?: 'street' | 'draft' }
  | { signedInOnly: true; whilePasswordChangeRequired?: boolean };

const edit: Policy = { capability: 'draft_edit', jurisdiction: 'draft' };
const readDraft: Policy = { capability: 'draft_read', jurisdiction: 'draft' };
const admin: Policy = { capability: 'user_admin' };

/** Every tRPC procedure, by path. */
export const PROCEDURE_POLICY: Readonly<Record<string, Policy>> = {
  'session.me': { signedInOnly: true, whilePasswordChangeRequired: true },
  'session.changePassword': { signedInOnly: true, whilePasswordChangeRequired: true },

  'search.places': { capability: 'map' },
  // The details service narrows by kind: incidents, workers and personal data by their own scopes.
  'details.get': { capability: 'map' },
  'map.labels': { capability: 'map' },
  'map.norm': { capability: 'map' },
  'map.workers': { capability: 'worker_positions' },

  'drafts.streets': { capability: 'draft_edit' },
  'drafts.streetCommunities': { capability: 'draft_read', jurisdiction: 'street' },
  'drafts.open': { capability: 'draft_edit', jurisdiction: 'street' },
  'drafts.get': readDraft,
  'drafts.validate': readDraft,
  'drafts.exportFile': readDraft,
  'drafts.createGrid': edit,
  'drafts.updateGeometry': edit,
  'drafts.moveSharedVertex': edit,
  'drafts.splitGrid': edit,
  'drafts.mergeGrids': edit,
  'drafts.deleteGrid': edit,
  'drafts.fillRest': edit,
  'drafts.setAttributes': edit,
  'drafts.snapToNeighbours': edit,
  'drafts.reshapeSharedBoundary': edit,
  'drafts.clipToCommunity': edit,
  'drafts.giveAreaToNeighbour': edit,
  'drafts.undo': edit,
  'drafts.redo': edit,
  'drafts.importFile': edit,

  // Plans are drafts in the workflow: the jurisdiction is the draft's; the plan service decides which role
  // may make which move (a reviewer reads the same plan an editor submits).
  'plans.queue': { capability: 'draft_read' },
  'plans.get': readDraft,
  'plans.diff': readDraft,
  'plans.move': readDraft,
  'plans.file': { capability: 'plan_file', jurisdiction: 'draft' },
  'plans.setWarningReason': edit,
  'plans.recordArrangement': edit,
  // The arrangement's districts are checked in the service: the host district reviews another's plan here.
  'plans.arrangementsAwaiting': { capability: 'plan_review' },
  'plans.approveArrangement': { capability: 'plan_review' },
  'plans.comments': readDraft,
  'plans.addComment': readDraft,
  'plans.resolveComment': edit,
  'plans.gridTimeline': { capability: 'map' },
  'plans.restore': { capability: 'draft_edit', jurisdiction: 'street' },
  'plans.notifications': { signedInOnly: true },
  'plans.markRead': { signedInOnly: true },

  // The catalogue is no secret: a reporter picks a category, an administrator edits it.
  'incidents.categories': { capability: 'map' },
  'incidents.updateCategory': { capability: 'catalogue_admin' },
  // A scanned code's place (an address or key site) is shared base data; the report itself is scoped.
  'incidents.placeOfCode': { capability: 'incident_report' },
  'incidents.report': { capability: 'incident_report' },
  // The incidents scope narrows what is seen; the loop's duty rule (server/incidents/duties.ts) decides
  // who may take which step on a case it covers.
  'incidents.get': { capability: 'incidents' },
  'incidents.list': { capability: 'incidents' },
  'incidents.kpis': { capability: 'incidents' },
  'incidents.move': { capability: 'incidents' },
  'incidents.feed': { capability: 'incidents' },
  'incidents.assessment': { capability: 'incidents' },
  'incidents.suggestDispatch': { capability: 'incident_command' },
  'incidents.dispatch': { capability: 'incident_command' },
  'incidents.partnerKeys': { capability: 'catalogue_admin' },
  // The planner: every scenario is checked against the caller's planning scope by the service.
  'planner.settings': { capability: 'planning' },
  'planner.areas': { capability: 'planning' },
  'planner.barrierLayers': { capability: 'planning' },
  'planner.importBarriers': { capability: 'planning' },
  'planner.run': { capability: 'planning' },
  'planner.list': { capability: 'planning' },
  'planner.get': { capability: 'planning' },
  'planner.grids': { capability: 'planning' },
  'planner.save': { capability: 'planning' },
  'planner.delete': { capability: 'planning' },
  'planner.exportFile': { capability: 'planning' },
  'planner.promote': { capability: 'planning' },
  // The pricing is a city setting: a city administrator changes it (the service refuses others).
  'planner.pricing': { capability: 'catalogue_admin' },
  'planner.setPricing': { capability: 'catalogue_admin' },
  'incidents.issuePartnerKey': { capability: 'catalogue_admin' },
  'incidents.revokePartnerKey': { capability: 'catalogue_admin' },
  // Departments' read keys for the open data: the same city administrators as the partner keys.
  'opendata.restrictedFields': { capability: 'catalogue_admin' },
  'opendata.departmentKeys': { capability: 'catalogue_admin' },
  'opendata.issueDepartmentKey': { capability: 'catalogue_admin' },
  'opendata.revokeDepartmentKey': { capability: 'catalogue_admin' },
  'opendata.departmentKeyUses': { capability: 'catalogue_admin' },
  // Their systems' change-feed subscriptions (webhooks): the same administrators (the service: city-wide only).
  'opendata.webhookSubscriptions': { capability: 'catalogue_admin' },
  'opendata.createWebhookSubscription': { capability: 'catalogue_admin' },
  'opendata.disableWebhookSubscription': { capability: 'catalogue_admin' },
  'opendata.webhookDeliveries': { capability: 'catalogue_admin' },
  'opendata.sendTestWebhook': { capability: 'catalogue_admin' },
  'baseData.imports': { capability: 'address_import' },
  // Field work. A worker reports and writes for themself (the service refuses anyone else); positions,
  // trails and tracks are personal data, read within the worker_positions scope (whose holders all
  // hold personal data over the same reach).
  'field.report': { capability: 'worker_positions' },
  'field.setDuty': { capability: 'worker_positions' },
  'field.me': { capability: 'worker_positions' },
  'field.positions': { capability: 'worker_positions' },
  'field.trails': { capability: 'worker_positions' },
  'field.track': { capability: 'worker_positions' },
  'field.coverage': { capability: 'worker_positions' },
  'field.patrolLog': { capability: 'worker_positions' },
  'field.savePatrolLog': { capability: 'incident_handle' },
  'field.inspectionsDue': { capability: 'incidents' },
  'field.recordInspection': { capability: 'incident_handle' },
  'field.simulator': { capability: 'incident_command' },
  'field.setSimulator': { capability: 'incident_command' },
  // command.*: the command centre's reads (server/routers/command.ts), narrowed to the incidents scope.
  'command.replay': { capability: 'incidents' },

  'admin.users': admin,
  'admin.jurisdictions': admin,
  // Names of a street's workers, to pick one for a grid worker grant: only of the administrator's streets.
  'admin.workers': { capability: 'user_admin', jurisdiction: 'street' },
  'admin.createUser': admin,
  'admin.updateUser': admin,
  'admin.setDisabled': admin,
  'admin.setGrants': admin,
  'admin.resetPassword': admin,
  'admin.securityLog': admin,

  // Staffing (队伍管理). Reads within the 'staffing' scope (a worker outside it answers as missing); every
  // change is checked by the service against 'staffing_manage' over both the worker and the grid.
  'staffing.streets': { capability: 'staffing' },
  'staffing.compliance': { capability: 'staffing' },
  'staffing.grids': { capability: 'staffing', jurisdiction: 'street' },
  'staffing.workers': { capability: 'staffing', jurisdiction: 'street' },
  'staffing.worker': { capability: 'staffing' },
  'staffing.recruit': { capability: 'staffing_manage' },
  'staffing.changeStage': { capability: 'staffing_manage' },
  'staffing.recordAssessment': { capability: 'staffing_manage' },
  'staffing.assign': { capability: 'staffing_manage' },
  'staffing.unassign': { capability: 'staffing_manage' },

  // The grid academy (网格学院). The syllabus and the sessions are no secret to the academy's readers;
  // workers' records are read within the 'academy' scope by their community (outside it: not found).
  // Every change is checked by the service: a session's district and a worker's community against
  // 'academy_manage' (enrolling: 'academy'); the syllabus is the city's (a city-wide manager only).
  'academy.streets': { capability: 'academy' },
  'academy.courses': { capability: 'academy' },
  'academy.createCourse': { capability: 'academy_manage' },
  'academy.updateCourse': { capability: 'academy_manage' },
  'academy.sessions': { capability: 'academy' },
  'academy.session': { capability: 'academy' },
  'academy.scheduleSession': { capability: 'academy_manage' },
  'academy.enrol': { capability: 'academy' },
  'academy.recordAttendance': { capability: 'academy_manage' },
  'academy.recordScore': { capability: 'academy_manage' },
  'academy.worker': { capability: 'academy' },
  'academy.workers': { capability: 'academy', jurisdiction: 'street' },
  'academy.figures': { capability: 'academy' },
};

/**
 * Every HTTP route besides tRPC. 'public' routes need no session; the tile route's capability depends
 * on the layer (TILE_LAYER_CAPABILITY). Pages are routes too: each page checks its entry.
 */
export type RoutePolicy = 'public' | Policy | { byTileLayer: true };

export const ROUTE_POLICY: Readonly<Record<string, RoutePolicy>> = {
  'GET /api/health': 'public',
  'POST /api/auth/sign-in': 'public',
  // Signing out with no (or an ended) session is not an error: the cookie is cleared either way.
  'POST /api/auth/sign-out': 'public',
  'GET /sign-in': 'public',
  'GET /account/password': { signedInOnly: true, whilePasswordChangeRequired: true },
  'GET /': { capability: 'map' },
  'GET /editor': { capability: 'draft_edit' },
  'GET /admin': admin,
  // The incident catalogue and partner systems' keys (city administrators change them; the page says so).
  'GET /admin/catalogue': { capability: 'catalogue_admin' },
  'GET /plans': { capability: 'draft_read' },
  'GET /planner': { capability: 'planning' },
  'GET /plans/{id}': { capability: 'draft_read', jurisdiction: 'draft' },
  'GET /api/notifications/stream': { signedInOnly: true },
  // Exists only in a process started with GRIDATLAS_TEST_CLOCK=on (the browser tests); 404 otherwise.
  'POST /api/test/clock': 'public',
  // The incident loop's pages: the worker's phone page and the hotline form (report), a scanned code's
  // report form, a grid's printable code sheet, and the command centre's live map.
  'GET /report': { capability: 'incident_report' },
  'GET /r/{kind}/{code}': { capability: 'incident_report' },
  'GET /qr/grid/{code}': { capability: 'incident_report' },
  'GET /command': { capability: 'incidents' },
  'GET /incidents/{id}': { capability: 'incidents' },
  // 考核评估: the table page and its CSV, narrowed to the incidents scope.
  'GET /assessment': { capability: 'incidents' },
  'GET /api/assessment/{group}': { capability: 'incidents' },
  // Photos: uploaded by whoever may take a step (attached only by a step they may take), read by those
  // who may see the case's personal data (server/incidents/view.ts mayReadPersonal).
  'POST /api/incidents/photos': { capability: 'incidents' },
  // Each row is checked against the importer's jurisdiction by where it lies (server/base-data).
  'POST /api/addresses/import': { capability: 'address_import' },
  'GET /base-data': { capability: 'address_import' },
  // 队伍管理: the compliance table and map, the register; its forms show to the street's operators only.
  'GET /staffing': { capability: 'staffing' },
  // 网格学院: the syllabus, sessions, enrolment and the figures; its forms show by capability.
  'GET /academy': { capability: 'academy' },
  'GET /api/incidents/photos/{id}': { capability: 'incidents' },
  // Open311 GeoReport v2: the reads are public (the spec's fields only, no personal data); a POST needs
  // a partner's API key (checked by the route, not a session).
  'GET /open311/v2/services': 'public',
  'GET /open311/v2/services/{code}': 'public',
  'GET /open311/v2/requests': 'public',
  'GET /open311/v2/requests/{id}': 'public',
  'POST /open311/v2/requests': 'public',
  // OGC API – Features: public reads of public fields only (server/ogc/collections.ts says what each
  // collection leaves out); no session is read.
  'GET /ogc': 'public',
  'GET /ogc/conformance': 'public',
  'GET /ogc/api': 'public',
  'GET /ogc/collections': 'public',
  'GET /ogc/collections/{collectionId}': 'public',
  'GET /ogc/collections/{collectionId}/items': 'public',
  'GET /ogc/collections/{collectionId}/items/{featureId}': 'public',
  // The same selection as one file (GeoJSON, Shapefile, KML, CSV with WKT).
  'GET /ogc/collections/{collectionId}/export.{format}': 'public',
  'GET /tiles/{layer}/{z}/{x}/{y}': { byTileLayer: true },
  // A layer's TileJSON: read by whoever may read its tiles.
  'GET /tiles/{layer}.json': { byTileLayer: true },
  'POST /api/topology/validate': { capability: 'topology_validate' },
};

/**
 * The policy of a route that checks one (public routes and the tile route, whose need depends on the
 * layer, have none here): undefined, and so refused, for anything else.
 */
export function routePolicy(route: string): Policy | undefined {
  const entry = ROUTE_POLICY[route];
  return typeof entry === 'object' && !('byTileLayer' in entry) ? entry : undefined;
}

/** What each tile layer needs; incidents are also filtered to the capability's scope (and cached per scope). */
export const TILE_LAYER_CAPABILITY = {
  districts: 'map',
  streets: 'map',
  communities: 'map',
  grids: 'map',
  addresses: 'addresses',
  key_sites: 'key_sites',
  incidents: 'incidents',
} as const satisfies Record<string, Capability>;

/** What the browser is told about its user, so it shows only what the server will serve. */
export interface ActorView {
  username: string;
  displayName: string;
  mustChangePassword: boolean;
  grants: { role: Role; jurisdiction: Jurisdiction; layers: DataLayer[] | null }[];
  /** The capabilities held anywhere (the server still checks every request's scope). */
  capabilities: Capability[];
}

const ALL_CAPABILITIES: readonly Capability[] = [
  'map',
  'addresses',
  'key_sites',
  'incidents',
  'worker_positions',
  'personal_data',
  'draft_read',
  'draft_edit',
  'plan_review',
  'plan_file',
  'topology_validate',
  'incident_report',
  'incident_command',
  'incident_handle',
  'catalogue_admin',
  'planning',
  'address_import',
  'user_admin',
  'staffing',
  'staffing_manage',
  'academy',
  'academy_manage',
];

export function actorView(actor: Actor): ActorView {
  return {
    username: actor.username,
    displayName: actor.displayName,
    mustChangePassword: actor.mustChangePassword,
    grants: actor.grants.map((g) => ({ role: g.role, jurisdiction: g.jurisdiction, layers: g.layers })),
    capabilities: ALL_CAPABILITIES.filter((c) => scopeOf(actor, c) !== null),
  };
}
