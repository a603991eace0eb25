/** Why a grid stays out of the households range, in both languages (the planner's list, the CLI, the CSV). */
import { localized, type LocalizedText } from '../text/localized-text';
import type { GridRefusal } from './rebalance';
import type { HouseholdRange } from './tree-split';

export function refusalText(r: GridRefusal, range: HouseholdRange): LocalizedText {
  switch (r.kind) {
    case 'unit_over_max':
      return localized(`单个地址（楼栋）即有 ${r.households} 户，超过每格上限 ${range.max} 户，无法再分`, `One address (building) alone has ${r.households} households, above the maximum of ${range.max}: it cannot be divided`);
    case 'unit_over_residents':
      return localized(`单个地址（楼栋）即有 ${r.residents} 名常住人口，超过每格上限 ${range.residentsMax ?? ''} 人，无法再分`, `One address (building) alone has ${r.residents} residents, above the maximum of ${range.residentsMax ?? ''}: it cannot be divided`);
    case 'total_under_min':
      return localized(`可调整范围内共 ${r.households} 户，不足一个网格的下限 ${range.min} 户`, `Only ${r.households} households where grids may change, below the minimum of ${range.min} for one grid`);
    case 'no_count_fits':
      return localized(`共 ${r.households} 户，任何网格数都无法使每格落在 ${range.min}–${range.max} 户之间`, `${r.households} households cannot be divided into any number of grids of ${range.min}–${range.max}`);
    case 'not_connected':
      return localized('地址被障碍线或保留网格隔开，不能连成一片', 'The addresses are cut apart by barriers or kept grids and do not form one piece');
    case 'no_cut_found':
      return localized(`尝试了 ${r.tries} 种划分，未找到使 ${r.parts} 个网格都在标准内的连片划分`, `No contiguous division into ${r.parts} grids within the range in the ${r.tries} tried`);
    case 'no_neighbour':
      return localized('户数不足，且周边没有可合并的网格（均为保留的专属网格或被障碍线隔开）', 'Too few households, and no neighbouring grid it could merge with (all kept dedicated grids, or across a barrier)');
    case 'unsettled':
      return localized('局部调整未能使其达标', 'The local steps could not bring it into range');
  }
}
