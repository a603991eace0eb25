/**
 * Step 9. Jurisdiction arrangements: the report's two hard cases, flagged for the review they await.
 * The enclave is the union of its communities; the pending transfer is the science park's grid.
 */
import type { Executor } from '../../db';
import { GRID_SIZE } from '../clean-districts';
import type { SeededStreets } from './streets';
import type { TerritoryIds } from './territories';
import { ENCLAVE, districtName, type CommunityPlan, type DedicatedPlan } from './state';

export async function insertArrangements(
  tx: Executor,
  { enclaveStreet, transferTo, transferFrom }: SeededStreets,
  communities: readonly CommunityPlan[],
  transferPlan: DedicatedPlan | null,
  { districtIds, streetIds }: TerritoryIds,
): Promise<{ enclaveId: number | null; transferId: number | null }> {
  let enclaveId: number | null = null;
  let transferId: number | null = null;
  if (enclaveStreet) {
    const enclaveCodes = communities.filter((c) => c.enclave).map((c) => c.code);
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO jurisdiction_arrangement (kind, name, home_street_id, host_district_id, responsibilities, status, notes, geom)
       SELECT 'enclave', $1, $2, $3, $4::jsonb, 'flagged', $5, ST_Multi(ST_Union(geom, ${GRID_SIZE})) FROM community WHERE code = ANY ($6::text[])
       RETURNING id`,
      [
        `${ENCLAVE.homeStreetName}飞地（${districtName.get(ENCLAVE.hostDistrict)}境内）`,
        streetIds.get(enclaveStreet.code),
        districtIds.get(ENCLAVE.hostDistrict),
        JSON.stringify({ public_security: 'host', dispute_mediation: 'host', household_registration: 'home', key_person_control: 'home' }),
        `${districtName.get(ENCLAVE.homeDistrict)}${ENCLAVE.homeStreetName}的${enclaveCodes.length}个厂矿社区位于${districtName.get(ENCLAVE.hostDistrict)}境内；治安、矛盾调解由所在区负责，户籍、重点人员管控由所属区负责，责任划分尚未备案，网格暂未划分。`,
        enclaveCodes,
      ],
    );
    enclaveId = row!.id;
  }
  if (transferPlan && transferTo && transferFrom) {
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO jurisdiction_arrangement (kind, name, from_street_id, to_street_id, responsibilities, status, notes, geom)
       SELECT 'pending_transfer', $1, $2, $3, $4::jsonb, 'flagged', $5, geom FROM seed_final WHERE level = 'grid' AND key = $6
       RETURNING id`,
      [
        `${transferPlan.name}用地移交`,
        streetIds.get(transferFrom.code),
        streetIds.get(transferTo.code),
        JSON.stringify({ grid_management: 'to', land: 'from' }),
        `${transferPlan.name}已作为专属网格划归${transferTo.name}管理，但用地仍属${transferFrom.name}，移交手续尚未办结。`,
        transferPlan.key,
      ],
    );
    if (!row) throw new Error('the science park grid lost its geometry');
    transferId = row.id;
  }
  return { enclaveId, transferId };
}
