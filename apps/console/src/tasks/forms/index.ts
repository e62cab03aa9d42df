/**
 * One form per task kind. The record type makes a new kind in the catalogue a compile error here
 * until its form exists; how the form completes and what it shows follow the catalogue's entry.
 */
import type { TaskKind } from '@pe/domain';
import type { ComponentType } from 'react';
import { ApprovePrioritiesForm } from './ApprovePrioritiesForm';
import { ApproveTerminationForm } from './ApproveTerminationForm';
import { CheckInActionForm } from './CheckInActionForm';
import { ConfirmListeningForm } from './ConfirmListeningForm';
import { DecideChangeForm } from './DecideChangeForm';
import { DecideExpiryForm } from './DecideExpiryForm';
import { HealthCheckForm } from './HealthCheckForm';
import { RecordCheckInForm } from './RecordCheckInForm';
import { ReportMeasurementForm } from './ReportMeasurementForm';
import { ResolveConflictForm } from './ResolveConflictForm';
import { ReviewForm } from './ReviewForm';
import { SignAgreementForm } from './SignAgreementForm';
import { SignTerminationForm } from './SignTerminationForm';
import type { TaskFormProps } from './types';
import { WindDownForm } from './WindDownForm';

export const TASK_FORMS: { [K in TaskKind]: ComponentType<TaskFormProps<K>> } = {
  APPROVE_PRIORITIES: ApprovePrioritiesForm,
  CONFIRM_LISTENING: ConfirmListeningForm,
  SIGN_AGREEMENT: SignAgreementForm,
  DECIDE_CHANGE: DecideChangeForm,
  REPORT_MEASUREMENT: ReportMeasurementForm,
  HEALTH_CHECK: HealthCheckForm,
  REVIEW: ReviewForm,
  APPROVE_TERMINATION: ApproveTerminationForm,
  SIGN_TERMINATION: SignTerminationForm,
  WIND_DOWN: WindDownForm,
  DECIDE_EXPIRY: DecideExpiryForm,
  RESOLVE_CONFLICT: ResolveConflictForm,
  RECORD_CHECK_IN: RecordCheckInForm,
  CHECK_IN_ACTION: CheckInActionForm,
};

export type { TaskFormProps };
