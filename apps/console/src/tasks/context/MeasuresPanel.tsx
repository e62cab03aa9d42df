import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { HEALTH_DIMENSIONS, type HealthDimension, type ReviewContext } from '@pe/domain';
import { HEALTH_DIMENSION_LABELS } from '../../methodLabels';
import { percent } from '../taskFormModel';
import { useNames } from '../useNames';
import { Empty, Section } from './Section';

/** Column heads short enough for a phone; the legend above the table spells them out. */
const SHORT: Record<HealthDimension, string> = { strategy: 'Str', operations: 'Ops', relationship: 'Rel', governance: 'Gov' };

/** What a review decides on: KPI progress, the health check per organization with the gap, NPS. */
export function MeasuresPanel({ context }: { context: ReviewContext }) {
  const { measures } = context;
  const organizationName = useNames('organizations', [...context.kpis.map((kpi) => kpi.ownerOrganizationId), ...context.healthChecks.map((check) => check.organizationId)]);
  return (
    <>
      <Section title="At a glance">
        <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap>
          <Chip label={`KPIs on track: ${percent(measures.shareOnTrack)}`} />
          <Chip label={`On-time reports: ${percent(measures.onTimeSubmissionRate)}`} />
          <Chip label={`Partner NPS: ${measures.partnerNps ?? '—'}`} />
          <Chip label={`Health gap: ${measures.healthGap?.overall ?? '—'}`} />
          <Chip label={`Goal attainment T-score: ${measures.goalAttainmentTScore === null ? '—' : measures.goalAttainmentTScore.toFixed(1)}`} />
          {measures.communication && (
            <Chip label={`Check-ins held: ${measures.communication.planned === 0 ? '—' : `${measures.communication.held} of ${measures.communication.planned} (${percent(measures.communication.rate)})`}`} />
          )}
        </Stack>
      </Section>
      <Section title="KPI progress">
        {context.kpis.length === 0 && <Empty>No KPIs defined.</Empty>}
        {context.kpis.map((kpi) => (
          <Box key={kpi.id}>
            <Typography variant="body2">
              <strong>{kpi.name}</strong> ({organizationName(kpi.ownerOrganizationId)}): {kpi.actual ?? 'not reported'} {kpi.actual !== null ? kpi.unit : ''} — from {kpi.baseline} to {kpi.target}{' '}
              {kpi.unit}
              {kpi.onTrack !== null && <Chip size="small" sx={{ ml: 1 }} color={kpi.onTrack ? 'success' : 'warning'} label={kpi.onTrack ? 'On track' : 'Behind'} />}
            </Typography>
            {kpi.progress !== null && (
              <LinearProgress
                variant="determinate"
                value={Math.max(0, Math.min(100, kpi.progress * 100))}
                color={kpi.onTrack ? 'success' : 'warning'}
                aria-label={`${kpi.name}: ${percent(kpi.progress)} of the way to target`}
              />
            )}
          </Box>
        ))}
      </Section>
      <Section title={`Health check, cycle ${context.cycle ?? measures.cycle}`}>
        {context.healthChecks.length === 0 ? (
          <Empty>No health checks this cycle.</Empty>
        ) : (
          <Box sx={{ overflowX: 'auto' }}>
            <Typography variant="caption" color="text.secondary">
              {HEALTH_DIMENSIONS.map((dimension) => `${SHORT[dimension]} ${HEALTH_DIMENSION_LABELS[dimension].toLowerCase()}`).join(' · ')} (1–5) · NPS would recommend (0–10)
            </Typography>
            <Table size="small" aria-label="Health check" sx={{ '& th, & td': { px: 0.75 } }}>
              <TableHead>
                <TableRow>
                  <TableCell>Organization</TableCell>
                  {HEALTH_DIMENSIONS.map((dimension) => (
                    <TableCell key={dimension} align="center">
                      <abbr title={HEALTH_DIMENSION_LABELS[dimension]}>{SHORT[dimension]}</abbr>
                    </TableCell>
                  ))}
                  <TableCell align="center">NPS</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {context.healthChecks.map((check) => (
                  <TableRow key={check.organizationId}>
                    <TableCell>{organizationName(check.organizationId)}</TableCell>
                    {HEALTH_DIMENSIONS.map((dimension) => (
                      <TableCell key={dimension} align="center">
                        {check.scores[dimension]}
                      </TableCell>
                    ))}
                    <TableCell align="center">{check.recommend ?? '—'}</TableCell>
                  </TableRow>
                ))}
                {measures.healthGap && (
                  <TableRow>
                    <TableCell>
                      <strong>Gap</strong>
                    </TableCell>
                    {HEALTH_DIMENSIONS.map((dimension) => (
                      <TableCell key={dimension} align="center" sx={(measures.healthGap?.byDimension[dimension] ?? 0) >= 2 ? { color: 'error.main', fontWeight: 600 } : undefined}>
                        {measures.healthGap?.byDimension[dimension] ?? '—'}
                      </TableCell>
                    ))}
                    <TableCell />
                  </TableRow>
                )}
              </TableBody>
            </Table>
          </Box>
        )}
      </Section>
    </>
  );
}
