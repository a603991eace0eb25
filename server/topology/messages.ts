/** zh-CN and English texts of the findings and notes, with their numbers. One function per finding code or note. */
import { localized as t, type LocalizedText } from '@/geo/text/localized-text';
import type { ArrangementRef } from './finding-codes';

const m2 = (a: number) => (a >= 100 ? Math.round(a).toLocaleString('en-US') : a >= 1 ? a.toFixed(1) : a.toFixed(3));
const count = (n: number) => n.toLocaleString('en-US');
const arrangementStatusZh = { flagged: '责任划分/移交尚未备案', recorded: '已备案', resolved: '已办结' } as const;

export const messages = {
  invalid: (key: string, reason: LocalizedText) => t(`网格 ${key} 几何无效：${reason['zh-CN']}`, `Grid ${key} has invalid geometry: ${reason.en}`),
  selfIntersection: (key: string, reason: LocalizedText) => t(`网格 ${key} 边界自相交（${reason['zh-CN']}）`, `Grid ${key} crosses itself (${reason.en})`),
  emptyPart: (key: string, reason: LocalizedText) => t(`网格 ${key} 含空的或退化的部分（${reason['zh-CN']}）`, `Grid ${key} has an empty or degenerate part (${reason.en})`),
  overlap: (a: string, b: string, area: number, blocking: boolean) =>
    blocking
      ? t(`网格 ${a} 与 ${b} 重叠 ${m2(area)} 平方米`, `Grids ${a} and ${b} overlap by ${m2(area)} m²`)
      : t(`网格 ${a} 与 ${b} 有微小重叠 ${m2(area)} 平方米（低于容差，建议吸附）`, `Grids ${a} and ${b} overlap by a tiny ${m2(area)} m² (below tolerance; snap them)`),
  gap: (parent: string, area: number) => t(`${parent} 有 ${m2(area)} 平方米未被任何网格覆盖`, `${m2(area)} m² of ${parent} is covered by no grid`),
  hole: (key: string, area: number) => t(`网格 ${key} 内有 ${m2(area)} 平方米的洞，且不属于任何网格`, `Grid ${key} has a hole of ${m2(area)} m² that no grid fills`),
  spill: (key: string, parent: LocalizedText, area: number) =>
    t(`网格 ${key} 有 ${m2(area)} 平方米超出 ${parent['zh-CN']}`, `${m2(area)} m² of grid ${key} lies outside ${parent.en}`),
  crossJurisdiction: (key: string, where: LocalizedText, area: number, arrangement: ArrangementRef | null) =>
    arrangement
      ? t(
          `网格 ${key} 有 ${m2(area)} 平方米位于${where['zh-CN']}，已登记特殊管辖安排「${arrangement.name}」（${arrangementStatusZh[arrangement.status]}）`,
          `${m2(area)} m² of grid ${key} lies in ${where.en}; covered by the jurisdiction arrangement "${arrangement.name}" (${arrangement.kind}, ${arrangement.status})`,
        )
      : t(`网格 ${key} 有 ${m2(area)} 平方米位于${where['zh-CN']}，且没有登记的管辖安排`, `${m2(area)} m² of grid ${key} lies in ${where.en}, with no recorded jurisdiction arrangement`),
  sliver: (key: string, area: number, thinness: number) =>
    t(`网格 ${key} 有细碎部分：${m2(area)} 平方米，紧凑度 ${thinness.toFixed(3)}`, `Grid ${key} has a sliver: ${m2(area)} m², compactness ${thinness.toFixed(3)}`),
  multipart: (key: string, parts: number, strayArea: number) =>
    t(`网格 ${key} 由 ${parts} 块互不相连的部分组成（较小部分共 ${m2(strayArea)} 平方米）`, `Grid ${key} is in ${parts} separate pieces (the smaller ones ${m2(strayArea)} m² in all)`),
  addressUnassigned: (address: string, households: number) =>
    t(`标准地址「${address}」（${households} 户）不在任何网格内`, `Standard address "${address}" (${households} households) lies in no grid`),
  addressInSeveral: (address: string, n: number, keys: LocalizedText) =>
    t(`标准地址「${address}」同时位于 ${n} 个网格：${keys['zh-CN']}`, `Standard address "${address}" lies in ${n} grids: ${keys.en}`),
  load: (key: string, households: number, residents: number, norm: { householdsMin: number; householdsMax: number; residentsMax: number }) =>
    t(
      `网格 ${key} 有 ${households} 户、${residents} 人，超出规范（${norm.householdsMin}–${norm.householdsMax} 户，至多 ${norm.residentsMax} 人）`,
      `Grid ${key} has ${households} households and ${residents} residents, outside the norm (${norm.householdsMin}-${norm.householdsMax} households, at most ${norm.residentsMax} residents)`,
    ),
  codeMissing: (key: string) => t(`网格 ${key} 没有编码（保存时自动分配）`, `Grid ${key} has no code (one is assigned on save)`),
  codeMalformed: (key: string, code: string, why: string, whyEn: string) =>
    t(`网格 ${key} 的编码 ${code} 不合规：${why}`, `Grid ${key} has a malformed code ${code}: ${whyEn}`),
  codeDuplicate: (code: string, keys: LocalizedText) => t(`编码 ${code} 重复：${keys['zh-CN']}`, `Code ${code} is used more than once: ${keys.en}`),
  communityUnknown: (key: string, code: string | null) =>
    code
      ? t(`网格 ${key} 所属社区 ${code} 不存在`, `Grid ${key} names community ${code}, which does not exist`)
      : t(`网格 ${key} 不在任何社区内`, `Grid ${key} lies in no community`),
  communityUngridded: (name: string, code: string, addresses: number, households: number) =>
    t(
      `${name}（${code}）尚未划分网格：${addresses} 个标准地址、${households} 户未入格`,
      `${name} (${code}) has no grids yet: ${addresses} standard addresses, ${households} households not in any grid`,
    ),
};

/** Notes: checks that ran only in part, or on a repaired form, and why. */
export const notes = {
  repaired: (grids: number) =>
    t(
      `有 ${grids} 个网格几何无效，叠加分析（缝隙、重叠、溢出、地址入格、户数）按其修复后的形状（ST_MakeValid）进行，相关问题已标注“基于修复后的几何”；原网格仍须修复。`,
      `${grids} grid(s) with invalid geometry were checked in their repaired form (ST_MakeValid) for gaps, overlaps, spills, addresses and load; the findings resting on it are marked as such. The grids themselves still need fixing.`,
    ),
  unrepairable: (grids: number, parents: number) =>
    t(
      `有 ${grids} 个网格几何无效且无法修复，未参与叠加分析；其所在的 ${parents} 个社区未检查缝隙和地址入格，修复后请重新检查。`,
      `${grids} grid(s) with invalid geometry could not be repaired and were kept out of all overlays; gaps and address assignment were not checked in their ${parents} parent(s). Fix them and check again.`,
    ),
  noAddresses: () =>
    t('该范围内没有标准地址：未检查地址入格和网格户数。', 'No standard addresses in this area: address assignment and households per grid were not checked.'),
  overlapPairsBounded: (max: number) =>
    t(`重叠的网格对超过 ${count(max)} 对：只统计了前 ${count(max)} 对，其余未计入。`, `More than ${count(max)} pairs of grids overlap: only the first ${count(max)} were counted.`),
  truncated: (code: string, shown: number, total: number) =>
    t(`${code}：共 ${count(total)} 处，仅列出前 ${count(shown)} 处（另有 ${count(total - shown)} 处）。`, `${code}: ${count(total)} in all; the first ${count(shown)} are listed (and ${count(total - shown)} more).`),
  skipped: (checks: string[], budgetMs: number) =>
    t(
      `检查超过 ${Math.round(budgetMs / 1000)} 秒时限，以下项目未检查：${checks.join('、')}。请分批检查。`,
      `The check ran past its ${Math.round(budgetMs / 1000)} s limit; these checks were not run: ${checks.join(', ')}. Check the grids in smaller sets.`,
    ),
};

