import { useCallback, useState } from 'react';
import type { FieldErrors } from '../apiError';
import { usePartnershipPage } from './PartnershipPageContext';

/**
 * Field errors of the last failed command, for the sections they name. They belong to the record
 * they were raised against: once anything changes (say the missing stakeholder is added) they go.
 */
export function useRuleErrors(): [FieldErrors, (errors: FieldErrors) => void] {
  const { record } = usePartnershipPage();
  const [raised, setRaised] = useState<{ version: number; errors: FieldErrors }>({ version: -1, errors: {} });
  const set = useCallback((errors: FieldErrors) => setRaised({ version: record.version, errors }), [record.version]);
  return [raised.version === record.version ? raised.errors : {}, set];
}
