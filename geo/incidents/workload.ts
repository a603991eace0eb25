/**
 * How much an incident weighs in the density view of the map: the view is about the current workload,
 * so a case that is over (closed, evaluated after closing, or rejected) counts for a third of an open one.
 * Shared by the map style (one point per incident) and the low-zoom tiles (weights summed per cell).
 */
export const CLOSED_INCIDENT_STATUSES = ['closed', 'evaluated', 'rejected'] as const;
export const CLOSED_INCIDENT_WEIGHT = 0.35;
