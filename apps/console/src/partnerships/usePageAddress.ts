/**
 * What a partnership page's address carries besides its id: the replay point and the timeline
 * filter. Moving through the past pushes an address (Back returns to the moment before); narrowing
 * the timeline replaces it (a filter typed letter by letter is not a trail of pages).
 */
import { useCallback, useMemo } from 'react';
import { useLocation, useNavigate } from 'react-admin';
import { replayPointOf, searchWithReplayPoint } from './replayModel';
import { searchWithTimelineFilter, timelineFilterOf, type TimelineFilter } from './timelineFilterModel';

/** Goes to a point of the log (null: the live page); `replace` when the address it leaves should not stay in the history. */
export type GoToPoint = (point: string | number | null, options?: { replace?: boolean }) => void;

export function useReplayPoint(): { point: string | null; goTo: GoToPoint } {
  const { pathname, search } = useLocation();
  const navigate = useNavigate();
  const point = replayPointOf(search);
  const goTo = useCallback<GoToPoint>(
    (next, { replace = false } = {}) => {
      navigate({ pathname, search: searchWithReplayPoint(search, next) }, { replace });
      // Entering or leaving the past starts from the top of the page, where the banner says which it is.
      if ((next === null) !== (point === null)) window.scrollTo({ top: 0 });
    },
    [navigate, pathname, search, point],
  );
  return { point, goTo };
}

export function useTimelineFilter(): { filter: TimelineFilter; setFilter: (filter: TimelineFilter) => void } {
  const { pathname, search } = useLocation();
  const navigate = useNavigate();
  const filter = useMemo(() => timelineFilterOf(search), [search]);
  const setFilter = useCallback((next: TimelineFilter) => navigate({ pathname, search: searchWithTimelineFilter(search, next) }, { replace: true }), [navigate, pathname, search]);
  return { filter, setFilter };
}
