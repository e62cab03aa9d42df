import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { lazy, Suspense } from 'react';
import { KpiSection } from './KpiSection';
import { usePartnershipPage } from './PartnershipPageContext';
import { SectionHeading } from './SectionHeading';
import { ChangeInProgress } from './ChangeInProgress';
import { StageStatus } from './StageStatus';

/** The chart library is large: it loads with the Measurement tab, not with the console. */
const MeasuresCharts = lazy(() => import('./MeasuresCharts').then((module) => ({ default: module.MeasuresCharts })));

const REVIEW_OUTCOME_WORDS = {
  continue: 'continue to the next cycle',
  revisit_priorities: 'revisit the priorities',
  revisit_roles: 'revisit the roles',
  propose_termination: 'propose a termination',
} as const;

const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : 'not scheduled');

/** MEASUREMENT, read-only: the KPIs, where the review cycle stands, and the place for the charts. */
export function MeasurementSection() {
  const { record, access } = usePartnershipPage();
  const reviews = record.reviews ?? [];
  // KPIs whose cadence is shorter than the review cycle fall due between reviews: the earliest is next.
  const nextKpiReport = Object.values(record.nextKpiReportAt ?? {}).sort()[0];
  return (
    <Stack spacing={3}>
      <StageStatus stage="MEASUREMENT" />
      <ChangeInProgress />
      <Stack spacing={0.5} component="section" aria-labelledby="cycle-heading">
        <SectionHeading id="cycle-heading">Review cycle</SectionHeading>
        <Typography variant="body2">{record.cycle ? `Cycle ${record.cycle} is the latest opened.` : 'No review cycle opened yet.'}</Typography>
        <Typography variant="body2">Next review: {when(record.nextReviewAt)}</Typography>
        <Typography variant="body2">Next health pulse: {when(record.nextPulseAt)}</Typography>
        {nextKpiReport && <Typography variant="body2">Next KPI report between reviews: {when(nextKpiReport)}</Typography>}
        {reviews.map((review) => (
          <Typography key={`${review.cycle}-${review.at}`} variant="body2">
            Review of cycle {review.cycle} ({when(review.at)}): {REVIEW_OUTCOME_WORDS[review.outcome] ?? review.outcome}
          </Typography>
        ))}
      </Stack>
      <Stack spacing={1} component="section" aria-labelledby="measurement-kpis-heading">
        <SectionHeading id="measurement-kpis-heading">KPIs</SectionHeading>
        <KpiSection editable={access.coordinates && record.stage === 'MEASUREMENT' && !record.signoff && !record.hold} />
      </Stack>
      <Box data-testid="measurement-charts" id="measurement-charts">
        <Suspense fallback={null}>
          <MeasuresCharts />
        </Suspense>
      </Box>
    </Stack>
  );
}
