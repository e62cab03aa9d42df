import { useCallback, useEffect, useRef, useState } from 'react';
import type { VerificationPage } from '@pe/domain';
import { messageOf } from '../apiError';
import { API_URL, fetchJson } from '../dataProvider';
import { EMPTY_RUN, withPage, type VerificationRun } from './auditModel';

async function verificationPage(after: string | null): Promise<VerificationPage> {
  const query = after === null ? '' : `?${new URLSearchParams({ after }).toString()}`;
  return (await fetchJson(`${API_URL}/audit/verification${query}`)).json as VerificationPage;
}

/**
 * Runs "verify all" page after page (the API verifies a bounded page per request), so the screen
 * shows progress and what was found so far; stopping, or leaving the screen, ends it between pages.
 */
export function useVerifyAll() {
  const [run, setRun] = useState<VerificationRun>(EMPTY_RUN);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const stopped = useRef(false);
  useEffect(
    () => () => {
      stopped.current = true;
    },
    [],
  );

  const start = useCallback(async () => {
    stopped.current = false;
    setRunning(true);
    setError(null);
    let current = EMPTY_RUN;
    setRun(current);
    try {
      while (!current.done && !stopped.current) {
        const page = await verificationPage(current.next);
        if (stopped.current) break;
        current = withPage(current, page);
        setRun(current);
      }
    } catch (problem) {
      setError(messageOf(problem));
    } finally {
      setRunning(false);
    }
  }, []);

  const stop = useCallback(() => {
    stopped.current = true;
  }, []);

  return { run, running, error, start, stop };
}
