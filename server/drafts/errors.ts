import { DomainError, type DomainErrorKind } from '../services/errors';
import { GEOMETRY_INPUT_MESSAGES, type GeometryInputReason } from '@/geo/grid/validation-reasons';

/** Expected failures of draft editing, each with a stable code and a message in zh-CN and English. */
export const DRAFT_ERROR_MESSAGES = {
  PLAN_STALE_VERSION: { zh: '草稿已被修改，请刷新后重试', en: 'The draft changed since you loaded it; reload and try again' },
  DRAFT_NOT_FOUND: { zh: '草稿不存在', en: 'Draft not found' },
  DRAFT_NOT_EDITABLE: { zh: '草稿当前不可编辑', en: 'The draft is not open for editing' },
  STREET_NOT_FOUND: { zh: '街道不存在', en: 'Street not found' },
  GRID_NOT_FOUND: { zh: '草稿中没有该网格', en: 'No such grid in the draft' },
  COMMUNITY_NOT_IN_STREET: { zh: '社区不属于该街道', en: 'The community does not belong to this street' },
  GRID_OUTSIDE_STREET: { zh: '网格不在本街道的任何社区内', en: 'The grid lies in none of this street\'s communities' },
  GRID_GEOMETRY_INPUT: { zh: '几何图形无效', en: 'Invalid geometry' },
  GRID_GEOMETRY_INVALID: { zh: '几何图形无效（自相交或结构错误）', en: 'The geometry is not valid (self-intersection or bad structure)' },
  GRID_ATTRIBUTES_INVALID: { zh: '网格属性无效', en: 'Invalid grid attributes' },
  VERTEX_NOT_FOUND: { zh: '没有网格包含该顶点', en: 'No grid has that vertex' },
  SPLIT_LINE_DOES_NOT_CROSS: { zh: '分割线没有穿过网格', en: 'The line does not cut the grid in two' },
  MERGE_TOO_FEW: { zh: '至少选择两个网格才能合并', en: 'Select at least two grids to merge' },
  MERGE_NOT_ADJACENT: { zh: '只能合并相邻的网格', en: 'Only adjacent grids can be merged' },
  MERGE_DIFFERENT_COMMUNITIES: { zh: '只能合并同一社区的网格', en: 'Only grids of the same community can be merged' },
  NOTHING_TO_FILL: { zh: '该社区已被网格完全覆盖', en: 'The community is already fully covered by grids' },
  NOTHING_TO_SNAP: { zh: '容差范围内没有可吸附的顶点或边', en: 'Nothing to snap to within the tolerance' },
  NOTHING_TO_UNDO: { zh: '没有可撤销的操作', en: 'Nothing to undo' },
  NOTHING_TO_REDO: { zh: '没有可重做的操作', en: 'Nothing to redo' },
  CODE_SEQUENCE_EXHAUSTED: { zh: '该社区的网格编号已用完', en: 'The community has no grid code left' },
  IMPORT_REFUSED: { zh: '文件未导入', en: 'The file was not imported' },
  GEOMETRY_OPERATION_FAILED: { zh: '几何运算失败，草稿未更改', en: 'The geometry operation failed; the draft was not changed' },
  BOUNDARY_NOT_SHARED: { zh: '这两个网格没有公共边界', en: 'The two grids share no boundary' },
  BOUNDARY_IS_COMMUNITY_BORDER: {
    zh: '这两个网格属于不同社区，它们之间是社区边界，不能在网格编辑中调整',
    en: 'The grids belong to different communities: the boundary between them is the community border, which grid editing cannot move',
  },
  BOUNDARY_LINE_INVALID: {
    zh: '新边界线须从两个网格外轮廓上的一点画到另一点，并把两个网格的合并范围恰好分成两块',
    en: 'The new boundary must run from one point on the outline of the two grids to another and cut them into exactly two parts',
  },
  GIVE_TARGET_NOT_IN_DRAFT: { zh: '只能把面积划给本街道草稿中的网格', en: "Area can only be given to a grid of this street's draft" },
  GIVE_OTHER_COMMUNITY: { zh: '只能把面积划给同一社区的网格', en: 'Area can only be given to a grid of the same community' },
  GIVE_NOT_ADJACENT: { zh: '该区域与目标网格没有公共边', en: 'The area shares no edge with the target grid' },
  NOTHING_TO_GIVE: { zh: '没有可划转的面积', en: 'There is no area left to give' },
  NOTHING_TO_CLIP: { zh: '该网格没有超出所属社区的部分', en: 'The grid does not extend beyond its community' },
} as const;
export type DraftErrorCode = keyof typeof DRAFT_ERROR_MESSAGES;

function kindOf(code: DraftErrorCode): DomainErrorKind {
  if (code === 'PLAN_STALE_VERSION') return 'conflict';
  return code.endsWith('_NOT_FOUND') ? 'not_found' : 'invalid';
}

export class DraftError extends DomainError {
  constructor(
    readonly code: DraftErrorCode,
    /** Extra detail (a reason code, ST_IsValidReason...), appended to both messages. */
    readonly detail?: string,
  ) {
    const m = DRAFT_ERROR_MESSAGES[code];
    super(code, detail ? `${m.en}: ${detail}` : m.en, kindOf(code), detail ? `${m.zh}：${detail}` : m.zh);
    this.name = 'DraftError';
  }
}

/** A client geometry refused by the structural checks of geo/grid, with the reason's own messages. */
export class GeometryInputError extends DraftError {
  constructor(readonly reason: GeometryInputReason) {
    super('GRID_GEOMETRY_INPUT', reason);
    const m = GEOMETRY_INPUT_MESSAGES[reason];
    this.message = `${DRAFT_ERROR_MESSAGES.GRID_GEOMETRY_INPUT.en}: ${m.en} (${reason})`;
    (this as { messageZh: string }).messageZh = `${DRAFT_ERROR_MESSAGES.GRID_GEOMETRY_INPUT.zh}：${m.zh}（${reason}）`;
  }
}
