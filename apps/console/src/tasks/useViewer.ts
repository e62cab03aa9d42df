import { useMemo } from 'react';
import { readUser } from '../session';
import type { Viewer } from './taskModel';

/** The signed-in person (a new sign-in reloads the console, so reading it once is enough). */
export function useViewer(): Viewer | null {
  return useMemo(() => {
    const user = readUser();
    return user ? { id: user.id, role: user.role, organizationId: user.organizationId } : null;
  }, []);
}
