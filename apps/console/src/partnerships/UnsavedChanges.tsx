/**
 * One guard for the whole partnership page. Its tabs hold many forms and grids at once, and the
 * router honours a single navigation blocker, so react-admin's per-form `warnWhenUnsavedChanges`
 * would only watch whichever form registered last. Each form or grid reports whether it holds
 * unsaved edits; leaving the page (or closing the tab) with any asks first.
 */
import { createContext, useCallback, useContext, useEffect, useId, useState, type ReactNode } from 'react';
import { useBlocker, useFormIsDirty, useTranslate } from 'react-admin';

type Report = (id: string, dirty: boolean) => void;
const ReportContext = createContext<Report | null>(null);

export function UnsavedChangesGuard({ children }: { children: ReactNode }) {
  const [dirty, setDirty] = useState<ReadonlySet<string>>(() => new Set());
  const report = useCallback<Report>(
    (id, isDirty) =>
      setDirty((previous) => {
        if (previous.has(id) === isDirty) return previous;
        const next = new Set(previous);
        if (isDirty) next.add(id);
        else next.delete(id);
        return next;
      }),
    [],
  );
  const unsaved = dirty.size > 0;
  const translate = useTranslate();
  const blocker = useBlocker(({ currentLocation, nextLocation }) => unsaved && currentLocation.pathname !== nextLocation.pathname);

  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    if (window.confirm(translate('ra.message.unsaved_changes'))) blocker.proceed();
    else blocker.reset();
  }, [blocker, translate]);

  useEffect(() => {
    if (!unsaved) return;
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [unsaved]);

  return <ReportContext.Provider value={report}>{children}</ReportContext.Provider>;
}

/** Tells the page's guard whether this part of it holds unsaved edits. */
export function useReportUnsaved(dirty: boolean): void {
  const report = useContext(ReportContext);
  const id = useId();
  useEffect(() => report?.(id, dirty), [report, id, dirty]);
  useEffect(() => () => report?.(id, false), [report, id]);
}

/** Placed inside a react-admin Form: reports the form's own dirtiness. */
export function ReportUnsavedForm() {
  useReportUnsaved(useFormIsDirty());
  return null;
}
