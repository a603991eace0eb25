import { localized } from '@/geo/text/localized-text';
import { domainErrorClass, type ErrorSpec } from '../errors/domain-error';

/** Expected failures of the incident loop, each with its kind and its message in zh-CN and English. */
export const INCIDENT_ERRORS = {
  INCIDENT_NOT_FOUND: { kind: 'not_found', text: localized('事件不存在', 'Incident not found') },
  INCIDENT_STALE_VERSION: { kind: 'conflict', text: localized('事件已被他人处理，请刷新后重试', 'The incident changed since you loaded it; reload and try again') },
  NOT_FROM_THIS_STATE: { kind: 'conflict', text: localized('事件当前状态下不能进行此操作', 'The incident is not in a state that allows this step') },
  ALREADY_DISPATCHED: { kind: 'conflict', text: localized('事件已派遣，不能重复派单', 'The incident has already been dispatched') },
  NOT_YOUR_DUTY: { kind: 'forbidden', text: localized('您不能对该事件进行此操作', 'This step on this incident is not yours to take') },
  NOTE_REQUIRED: { kind: 'invalid', text: localized('请填写说明（不予立案、核查不通过须说明理由）', 'Write a note: not accepting a case or failing a check must say why') },
  OVERRIDE_REASON_REQUIRED: { kind: 'invalid', text: localized('改派他人须填写理由', 'Choosing another handler than the suggestion needs a reason') },
  EVALUATION_REQUIRED: { kind: 'invalid', text: localized('请给出 1 至 5 分的评价', 'Give an evaluation from 1 to 5') },
  CATEGORY_UNKNOWN: { kind: 'invalid', text: localized('事件类别不存在或已停用', 'Unknown or retired incident category') },
  CATEGORY_NOT_FOUND: { kind: 'not_found', text: localized('事件类别不存在', 'Incident category not found') },
  CATEGORY_STALE_VERSION: { kind: 'conflict', text: localized('类别已被他人修改，请刷新后重试', 'The category changed since you loaded it; reload and try again') },
  DEPARTMENT_UNKNOWN: { kind: 'invalid', text: localized('处置部门不存在', 'Unknown department') },
  LOCATION_OUTSIDE_CITY: { kind: 'invalid', text: localized('位置不在本市任何网格内', 'The location lies in no grid of the city') },
  LOCATION_REQUIRED: { kind: 'invalid', text: localized('请给出位置：定位、地图选点、标准地址或重点场所', 'Give a place: a position, a point on the map, a standard address or a key site') },
  ADDRESS_NOT_FOUND: { kind: 'not_found', text: localized('标准地址不存在', 'Standard address not found') },
  KEY_SITE_NOT_FOUND: { kind: 'not_found', text: localized('重点场所不存在', 'Key site not found') },
  OUTSIDE_YOUR_GRIDS: { kind: 'forbidden', text: localized('该位置不在您负责的网格内', 'That place lies outside the grids you are responsible for') },
  WORKER_NOT_FOUND: { kind: 'not_found', text: localized('网格员不存在', 'Grid worker not found') },
  WORKER_OUT_OF_JURISDICTION: { kind: 'forbidden', text: localized('该网格员不在您的管辖范围内', 'That worker is outside your jurisdiction') },
  PHOTO_NOT_FOUND: { kind: 'not_found', text: localized('照片不存在或不属于您', 'Photo not found, or not yours') },
  PHOTO_TOO_LARGE: { kind: 'too_large', text: localized('照片过大（每张不超过 5 MB）', 'The photo is too large (5 MB at most)') },
  PHOTO_NOT_AN_IMAGE: { kind: 'invalid', text: localized('照片须为 JPEG、PNG 或 WebP 图像', 'A photo must be a JPEG, PNG or WebP image') },
  TOO_MANY_PHOTOS: { kind: 'invalid', text: localized('照片太多（每次最多 6 张）', 'Too many photos (6 at most per step)') },
  PARTNER_KEY_NOT_FOUND: { kind: 'not_found', text: localized('接口密钥不存在', 'API key not found') },
  PARTNER_KEYS_CITY_ONLY: { kind: 'forbidden', text: localized('对接系统的接口密钥须由市级管理员签发和吊销', 'Partner systems\' API keys are issued and revoked by a city administrator') },
  CATALOGUE_CITY_ONLY: { kind: 'forbidden', text: localized('事件类别为全市设置，须由市级管理员修改', 'The incident catalogue is a city setting: a city administrator changes it') },
} as const satisfies Record<string, ErrorSpec>;
export type IncidentErrorCode = keyof typeof INCIDENT_ERRORS;

export const IncidentError = domainErrorClass<IncidentErrorCode>('IncidentError', INCIDENT_ERRORS);
export type IncidentError = InstanceType<typeof IncidentError>;
