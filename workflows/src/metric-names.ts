/** The workflow's own metrics, as the worker exports them (its Prometheus endpoint adds `_total` to counters). */
export const WORKFLOW_METRICS = {
  /** Workflow timers that fired (a timer cancelled because the workflow woke for something else is not counted). */
  timersFired: 'partnerships_timers_fired',
  /** How long after its due time each fired timer woke the workflow, in seconds. */
  timerLateness: 'partnerships_timer_lateness_seconds',
} as const;
