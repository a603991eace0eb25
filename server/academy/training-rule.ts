// placeholder until the academy lands
import type { LocalizedText } from '@/geo/text/localized-text';
import type { Executor } from '../db';

/** The required courses a worker has not passed at `at` (empty = may go on duty). */
export async function unmetTrainingRequirements(tx: Executor, workerId: number, at: Date): Promise<{ code: string; name: LocalizedText }[]> {
  void tx;
  void workerId;
  void at;
  return [];
}
