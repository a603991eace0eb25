import { localized } from '@/geo/text/localized-text';
import { GEOMETRY_INPUT_MESSAGES, type GeometryInputReason } from '@/geo/grid/validation-reasons';
import { domainErrorClass, type ErrorSpec } from '../errors/domain-error';

/** Expected failures of draft editing: each code with its kind and its message in zh-CN and English. */
export const DRAFT_ERRORS = {
  PLAN_STALE_VERSION: { kind: 'conflict', text: localized('草稿已被修改，请刷新后重试', 'The draft changed since you loaded it; reload and try again') },
  DRAFT_NOT_FOUND: { kind: 'not_found', text: localized('草稿不存在', 'Draft not found') },
  DRAFT_NOT_EDITABLE: { kind: 'invalid', text: localized('草稿当前不可编辑', 'The draft is not open for editing') },
  STREET_NOT_FOUND: { kind: 'not_found', text: localized('街道不存在', 'Street not found') },
  GRID_NOT_FOUND: { kind: 'not_found', text: localized('草稿中没有该网格', 'No such grid in the draft') },
  COMMUNITY_NOT_IN_STREET: { kind: 'invalid', text: localized('社区不属于该街道', 'The community does not belong to this street') },
  GRID_OUTSIDE_STREET: { kind: 'invalid', text: localized('网格不在本街道的任何社区内', 'The grid lies in none of this street\'s communities') },
  GRID_GEOMETRY_INPUT: { kind: 'invalid', text: localized('几何图形无效', 'Invalid geometry') },
  GRID_GEOMETRY_INVALID: { kind: 'invalid', text: localized('几何图形无效（自相交或结构错误）', 'The geometry is not valid (self-intersection or bad structure)') },
  GRID_ATTRIBUTES_INVALID: { kind: 'invalid', text: localized('网格属性无效', 'Invalid grid attributes') },
  VERTEX_NOT_FOUND: { kind: 'not_found', text: localized('没有网格包含该顶点', 'No grid has that vertex') },
  SPLIT_LINE_DOES_NOT_CROSS: { kind: 'invalid', text: localized('分割线没有穿过网格', 'The line does not cut the grid in two') },
  MERGE_TOO_FEW: { kind: 'invalid', text: localized('至少选择两个网格才能合并', 'Select at least two grids to merge') },
  MERGE_NOT_ADJACENT: { kind: 'invalid', text: localized('只能合并相邻的网格', 'Only adjacent grids can be merged') },
  MERGE_DIFFERENT_COMMUNITIES: { kind: 'invalid', text: localized('只能合并同一社区的网格', 'Only grids of the same community can be merged') },
  NOTHING_TO_FILL: { kind: 'invalid', text: localized('该社区已被网格完全覆盖', 'The community is already fully covered by grids') },
  NOTHING_TO_SNAP: { kind: 'invalid', text: localized('容差范围内没有可吸附的顶点或边', 'Nothing to snap to within the tolerance') },
  NOTHING_TO_UNDO: { kind: 'invalid', text: localized('没有可撤销的操作', 'Nothing to undo') },
  NOTHING_TO_REDO: { kind: 'invalid', text: localized('没有可重做的操作', 'Nothing to redo') },
  CODE_SEQUENCE_EXHAUSTED: { kind: 'invalid', text: localized('该社区的网格编号已用完', 'The community has no grid code left') },
  IMPORT_REFUSED: { kind: 'invalid', text: localized('文件未导入', 'The file was not imported') },
  GEOMETRY_OPERATION_FAILED: { kind: 'invalid', text: localized('几何运算失败，草稿未更改', 'The geometry operation failed; the draft was not changed') },
  BOUNDARY_NOT_SHARED: { kind: 'invalid', text: localized('这两个网格没有公共边界', 'The two grids share no boundary') },
  BOUNDARY_IS_COMMUNITY_BORDER: {
    kind: 'invalid',
    text: localized(
      '这两个网格属于不同社区，它们之间是社区边界，不能在网格编辑中调整',
      'The grids belong to different communities: the boundary between them is the community border, which grid editing cannot move',
    ),
  },
  BOUNDARY_LINE_INVALID: {
    kind: 'invalid',
    text: localized(
      '新边界线须从两个网格外轮廓上的一点画到另一点，并把两个网格的合并范围恰好分成两块',
      'The new boundary must run from one point on the outline of the two grids to another and cut them into exactly two parts',
    ),
  },
  GIVE_TARGET_NOT_IN_DRAFT: { kind: 'invalid', text: localized('只能把面积划给本街道草稿中的网格', "Area can only be given to a grid of this street's draft") },
  GIVE_OTHER_COMMUNITY: { kind: 'invalid', text: localized('只能把面积划给同一社区的网格', 'Area can only be given to a grid of the same community') },
  GIVE_NOT_ADJACENT: { kind: 'invalid', text: localized('该区域与目标网格没有公共边', 'The area shares no edge with the target grid') },
  NOTHING_TO_GIVE: { kind: 'invalid', text: localized('没有可划转的面积', 'There is no area left to give') },
  NOTHING_TO_CLIP: { kind: 'invalid', text: localized('该网格没有超出所属社区的部分', 'The grid does not extend beyond its community') },
} as const satisfies Record<string, ErrorSpec>;
export type DraftErrorCode = keyof typeof DRAFT_ERRORS;

export const DraftError = domainErrorClass<DraftErrorCode>('DraftError', DRAFT_ERRORS);
export type DraftError = InstanceType<typeof DraftError>;

/** A client geometry refused by the structural checks of geo/grid, with the reason's own messages and code. */
export function geometryInputError(reason: GeometryInputReason): DraftError {
  const m = GEOMETRY_INPUT_MESSAGES[reason];
  return new DraftError('GRID_GEOMETRY_INPUT', localized(`${m['zh-CN']}（${reason}）`, `${m.en} (${reason})`));
}
