import { TILE_LAYER_CAPABILITY, type Capability } from '@/server/auth/policy';
import { LAYER_IDS, type LayerId } from './state';

/**
 * What each map layer needs, from the server's own table of tile layers (server/auth/policy.ts), so the
 * map never asks for what the server would refuse. Worker positions come from map.workers instead.
 */
export const LAYER_CAPABILITY: Readonly<Record<LayerId, Capability>> = {
  districts: TILE_LAYER_CAPABILITY.districts,
  streets: TILE_LAYER_CAPABILITY.streets,
  communities: TILE_LAYER_CAPABILITY.communities,
  grids: TILE_LAYER_CAPABILITY.grids,
  addresses: TILE_LAYER_CAPABILITY.addresses,
  workers: 'worker_positions',
  keySites: TILE_LAYER_CAPABILITY.key_sites,
  incidents: TILE_LAYER_CAPABILITY.incidents,
  incidentDensity: TILE_LAYER_CAPABILITY.incidents,
};

/** The layers a user with these capabilities may turn on, in the panel's order. */
export const allowedLayers = (capabilities: readonly Capability[]): LayerId[] => LAYER_IDS.filter((id) => capabilities.includes(LAYER_CAPABILITY[id]));
