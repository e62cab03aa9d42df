import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { KpiSection } from './KpiSection';
import { usePartnershipPage } from './PartnershipPageContext';
import { SectionHeading } from './SectionHeading';
import { StageStatus } from './StageStatus';

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
  return (
    <Stack spacing={3}>
      <StageStatus stage="MEASUREMENT" />
      <Stack spacing={0.5} component="section" aria-labelledby="cycle-heading">
        <SectionHeading id="cycle-heading">Review cycle</SectionHeading>
        <Typography variant="body2">{record.cycle ? `Cycle ${record.cycle} is the latest opened.` : 'No review cycle opened yet.'}</Typography>
        <Typography variant="body2">Next review: {when(record.nextReviewAt)}</Typography>
        <Typography variant="body2">Next health pulse: {when(record.nextPulseAt)}</Typography>
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
      {/* The charts of KPI progress, health checks, NPS and goal attainment mount here (GET /api/partnerships/:id/measures). */}
      <Box component="section" aria-labelledby="charts-heading" data-testid="measurement-charts" id="measurement-charts">
        <SectionHeading id="charts-heading">Measures</SectionHeading>
        <Typography variant="body2" color="text.secondary">
          Charts of KPI progress, the health check, partner NPS and goal attainment will appear here.
        </Typography>
      </Box>
    </Stack>
  );
}
