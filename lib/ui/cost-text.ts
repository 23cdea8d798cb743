/** A history record's cost in words: estimated ("≈"), and marked when it was paid but not delivered. */
import { paidNotDelivered } from '@/lib/solver/jobs';
import { formatUsd } from './format';
import type { Translate } from './i18n';
import type { HistoryRecord } from './types';

export function costText(t: Translate, r: Pick<HistoryRecord, 'cost' | 'costEstimated' | 'status'>): string {
  if (r.cost === undefined) return '—';
  const amount = r.costEstimated ? t('costEstimated', formatUsd(r.cost)) : formatUsd(r.cost);
  return paidNotDelivered(r) ? t('costPaidNotDelivered', amount) : amount;
}
