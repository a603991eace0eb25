import { localized } from '@/geo/text/localized-text';
import { domainErrorClass } from '../errors/domain-error';

/** Inputs the topology engine refuses before checking anything. */
export const TOPOLOGY_INPUT_ERRORS = {
  PARENT_INVALID: { kind: 'invalid', text: localized('上级边界几何无效', 'The parent boundary is not a valid polygon') },
  PARENT_EMPTY: { kind: 'invalid', text: localized('上级边界为空', 'The parent boundary is empty') },
  NO_GRIDS: { kind: 'invalid', text: localized('没有可检查的网格', 'There are no grids to check') },
} as const;

export const TopologyInputError = domainErrorClass<keyof typeof TOPOLOGY_INPUT_ERRORS>('TopologyInputError', TOPOLOGY_INPUT_ERRORS);
export type TopologyInputError = InstanceType<typeof TopologyInputError>;
