/** zh-CN and English texts of the findings, with their numbers. One function per finding code. */
import type { ArrangementRef, LocalizedText } from './finding-codes';

const m2 = (a: number) => (a >= 100 ? Math.round(a).toLocaleString('en-US') : a >= 1 ? a.toFixed(1) : a.toFixed(3));
const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });
const g = (key: string) => key;
const arrangementStatusZh = { flagged: '责任划分/移交尚未备案', recorded: '已备案', resolved: '已办结' } as const;

export const messages = {
  invalid: (key: string, reason: string) => t(`网格 ${g(key)} 几何无效：${reason}`, `Grid ${key} has invalid geometry: ${reason}`),
  selfIntersection: (key: string, reason: string) =>
    t(`网格 ${g(key)} 边界自相交（${reason}）`, `Grid ${key} crosses itself (${reason})`),
  emptyPart: (key: string, reason: string) => t(`网格 ${g(key)} 含空的或退化的部分（${reason}）`, `Grid ${key} has an empty or degenerate part (${reason})`),
  overlap: (a: string, b: string, area: number, blocking: boolean) =>
    blocking
      ? t(`网格 ${a} 与 ${b} 重叠 ${m2(area)} 平方米`, `Grids ${a} and ${b} overlap by ${m2(area)} m²`)
      : t(`网格 ${a} 与 ${b} 有微小重叠 ${m2(area)} 平方米（低于容差，建议吸附）`, `Grids ${a} and ${b} overlap by a tiny ${m2(area)} m² (below tolerance; snap them)`),
  gap: (parent: string, area: number) =>
    t(`${parent} 有 ${m2(area)} 平方米未被任何网格覆盖`, `${m2(area)} m² of ${parent} is covered by no grid`),
  hole: (key: string, area: number) =>
    t(`网格 ${key} 内有 ${m2(area)} 平方米的洞，且不属于任何网格`, `Grid ${key} has a hole of ${m2(area)} m² that no grid fills`),
  spill: (key: string, parent: string, area: number) =>
    t(`网格 ${key} 有 ${m2(area)} 平方米超出 ${parent}`, `${m2(area)} m² of grid ${key} lies outside ${parent}`),
  crossJurisdiction: (key: string, where: string, whereEn: string, area: number, arrangement: ArrangementRef | null) =>
    arrangement
      ? t(
          `网格 ${key} 有 ${m2(area)} 平方米位于${where}，已登记特殊管辖安排「${arrangement.name}」（${arrangementStatusZh[arrangement.status]}）`,
          `${m2(area)} m² of grid ${key} lies in ${whereEn}; covered by the jurisdiction arrangement "${arrangement.name}" (${arrangement.kind}, ${arrangement.status})`,
        )
      : t(
          `网格 ${key} 有 ${m2(area)} 平方米位于${where}，且没有登记的管辖安排`,
          `${m2(area)} m² of grid ${key} lies in ${whereEn}, with no recorded jurisdiction arrangement`,
        ),
  sliver: (key: string, area: number, thinness: number) =>
    t(`网格 ${key} 有细碎部分：${m2(area)} 平方米，紧凑度 ${thinness.toFixed(3)}`, `Grid ${key} has a sliver: ${m2(area)} m², compactness ${thinness.toFixed(3)}`),
  multipart: (key: string, parts: number, strayArea: number) =>
    t(`网格 ${key} 由 ${parts} 块互不相连的部分组成（较小部分共 ${m2(strayArea)} 平方米）`, `Grid ${key} is in ${parts} separate pieces (the smaller ones ${m2(strayArea)} m² in all)`),
  addressUnassigned: (address: string, households: number) =>
    t(`标准地址「${address}」（${households} 户）不在任何网格内`, `Standard address "${address}" (${households} households) lies in no grid`),
  addressInSeveral: (address: string, keys: string[]) =>
    t(`标准地址「${address}」同时位于 ${keys.length} 个网格：${keys.join('、')}`, `Standard address "${address}" lies in ${keys.length} grids: ${keys.join(', ')}`),
  load: (key: string, households: number, residents: number, norm: { householdsMin: number; householdsMax: number; residentsMax: number }) =>
    t(
      `网格 ${key} 有 ${households} 户、${residents} 人，超出规范（${norm.householdsMin}–${norm.householdsMax} 户，至多 ${norm.residentsMax} 人）`,
      `Grid ${key} has ${households} households and ${residents} residents, outside the norm (${norm.householdsMin}-${norm.householdsMax} households, at most ${norm.residentsMax} residents)`,
    ),
  codeMissing: (key: string) => t(`网格 ${key} 没有编码（保存时自动分配）`, `Grid ${key} has no code (one is assigned on save)`),
  codeMalformed: (key: string, code: string, why: string, whyEn: string) =>
    t(`网格 ${key} 的编码 ${code} 不合规：${why}`, `Grid ${key} has a malformed code ${code}: ${whyEn}`),
  codeDuplicate: (code: string, keys: string[]) =>
    t(`编码 ${code} 重复：${keys.join('、')}`, `Code ${code} is used more than once: ${keys.join(', ')}`),
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
