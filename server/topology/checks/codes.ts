import { checkCode, CODE_REASONS } from '@/geo/codes/territory-codes';
import { keyList, type CheckContext } from '../context';
import { FINDING_CODES as F } from '../finding-codes';
import { messages } from '../messages';

/** Codes: present (a warning while a new draft grid has none), well formed, and used once. */
export async function checkCodes(ctx: CheckContext): Promise<void> {
  const rows = await ctx.tx.query<{ key: string; code: string | null; community: string | null; in_set: boolean }>(
    `SELECT c.key, c.code, p.code AS community, c.in_set FROM topo_cand c LEFT JOIN topo_parent p ON p.id = c.parent_id ORDER BY c.idx`,
  );
  const byCode = new Map<string, string[]>();
  for (const r of rows) {
    const code = r.code?.trim() ?? '';
    if (r.in_set && !code) {
      ctx.out.add({ code: F.codeMissing, severity: 'warning', gridKeys: [r.key], geometry: null, message: messages.codeMissing(ctx.label(r.key)) });
      continue;
    }
    if (!code) continue;
    if (r.in_set) {
      const check = checkCode('grid', code, ctx.mode === 'communities' && r.community ? r.community : undefined);
      if (!check.valid) {
        const why = {
          [CODE_REASONS.notDigits]: ['只能由数字组成', 'digits only'],
          [CODE_REASONS.wrongLength]: ['应为 15 位', 'must be 15 digits'],
          [CODE_REASONS.zeroSequence]: ['网格序号不能为 000', 'the grid sequence cannot be 000'],
          [CODE_REASONS.wrongParent]: [`前 12 位应为所属社区编码 ${r.community}`, `the first 12 digits must be its community code ${r.community}`],
        }[check.reason];
        ctx.out.add({
          code: F.codeMalformed,
          severity: 'blocking',
          gridKeys: [r.key],
          geometry: null,
          reason: check.reason,
          communityCode: r.community,
          message: messages.codeMalformed(ctx.label(r.key), code, why[0]!, why[1]!),
        });
      }
    }
    (byCode.get(code) ?? byCode.set(code, []).get(code)!).push(r.key);
  }
  for (const [code, keys] of byCode) {
    if (keys.length < 2 || keys.every((k) => k.startsWith('inforce:'))) continue;
    ctx.out.add({ code: F.codeDuplicate, severity: 'blocking', gridKeys: keys, geometry: null, message: messages.codeDuplicate(code, keyList(keys, ctx.label)) });
  }
}
