import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { BarChart } from '@mui/x-charts/BarChart';
import { Gauge } from '@mui/x-charts/Gauge';
import { LineChart } from '@mui/x-charts/LineChart';
import type { ReactNode } from 'react';
import { useGetMany } from 'react-admin';
import { cycleChart, hasAnyMeasure, healthChart, measuresSummary, percent, trajectoryChart, type Measures, type TrajectoryChart } from './measuresModel';
import { usePartnershipPage } from './PartnershipPageContext';
import { useMeasures } from './useMeasures';

const CHART_HEIGHT = 240;

/**
 * The partnership's measures as pictures: each KPI against its trajectory, the latest health
 * check per organization with the gap between partners, partner NPS and goal-attainment T-score
 * per review cycle, and the share of KPIs on track. A sentence under each heading says the same in words.
 */
export function MeasuresCharts() {
  const { record, replay } = usePartnershipPage();
  const { data: measures, error, isPending } = useMeasures(record.id, replay?.point);
  return (
    <Stack component="section" spacing={2} aria-labelledby="measures-heading">
      <Typography variant="h6" component="h2" id="measures-heading">
        Measures
      </Typography>
      {isPending ? (
        <Typography variant="body2" color="text.secondary">
          Loading the measures…
        </Typography>
      ) : error || !measures ? (
        <Alert severity="warning">The measures could not be loaded: {error instanceof Error ? error.message : 'no answer'}</Alert>
      ) : hasAnyMeasure(measures) ? (
        <MeasuresBody measures={measures} />
      ) : (
        <Typography variant="body2" color="text.secondary">
          Nothing to measure yet: KPIs are defined in role identification, and the first review cycle opens once the agreement is adopted.
        </Typography>
      )}
    </Stack>
  );
}

function MeasuresBody({ measures }: { measures: Measures }) {
  const organizationIds = [
    ...new Set([...measures.trajectories.map((entry) => entry.ownerOrganizationId), ...measures.health.flatMap((entry) => entry.organizations.map((org) => org.organizationId))]),
  ];
  const { data: organizations } = useGetMany<{ id: string; name: string }>('organizations', { ids: organizationIds });
  const nameOf = (id: string) => organizations?.find((organization) => organization.id === id)?.name ?? 'Organization';
  const summary = measuresSummary(measures);
  return (
    <Stack spacing={2}>
      {summary.length > 0 && (
        <Stack component="ul" spacing={0.5} sx={{ m: 0, pl: 2.5 }}>
          {summary.map((line) => (
            <Typography component="li" variant="body2" key={line}>
              {line}
            </Typography>
          ))}
        </Stack>
      )}
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 4 }}>
          <ShareOnTrackCard measures={measures} />
        </Grid>
        <Grid size={{ xs: 12, md: 8 }}>
          <CyclesCard measures={measures} />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <HealthCard measures={measures} organizationName={nameOf} />
        </Grid>
        {measures.trajectories.map((trajectory) => (
          <Grid size={{ xs: 12, md: 6 }} key={trajectory.kpiId}>
            <KpiCard chart={trajectoryChart(trajectory)} owner={nameOf(trajectory.ownerOrganizationId)} />
          </Grid>
        ))}
      </Grid>
    </Stack>
  );
}

function ChartCard({ title, subtitle, children, label }: { title: string; subtitle?: ReactNode; children: ReactNode; label: string }) {
  return (
    <Card variant="outlined" sx={{ height: '100%' }} role="figure" aria-label={label}>
      <CardContent>
        <Typography variant="subtitle1" component="h3">
          {title}
        </Typography>
        {subtitle && (
          <Typography variant="body2" color="text.secondary" component="div">
            {subtitle}
          </Typography>
        )}
        {/* The charts measure their parent's width: a box that may shrink keeps them inside 390 px. */}
        <Box sx={{ width: '100%', minWidth: 0 }}>{children}</Box>
      </CardContent>
    </Card>
  );
}

function ShareOnTrackCard({ measures }: { measures: Measures }) {
  const share = percent(measures.shareOnTrack);
  const measured = measures.kpis.filter((kpi) => kpi.onTrack !== null).length;
  return (
    <ChartCard title="KPIs on track" label="Share of KPIs on track" subtitle={share === null ? 'No KPI measured yet' : `${measured} of ${measures.kpis.length} KPIs measured`}>
      <Gauge
        height={CHART_HEIGHT - 40}
        value={share}
        valueMin={0}
        valueMax={100}
        startAngle={-110}
        endAngle={110}
        text={({ value }) => (value === null ? '—' : `${value}%`)}
      />
    </ChartCard>
  );
}

function CyclesCard({ measures }: { measures: Measures }) {
  if (measures.cycles.length === 0) {
    return (
      <ChartCard title="Per review cycle" label="Partner NPS and goal attainment per review cycle" subtitle="No review cycle has opened yet">
        {null}
      </ChartCard>
    );
  }
  const chart = cycleChart(measures.cycles);
  return (
    <ChartCard
      title="Per review cycle"
      label="Partner NPS and goal attainment per review cycle"
      subtitle={`Partner NPS (−100…100), goal-attainment T-score (50 = goals met as expected), % of KPIs on track${chart.checkInPercent.some((value) => value !== null) ? ' and % of check-ins held' : ''}`}
    >
      <LineChart
        height={CHART_HEIGHT}
        // Room on the right, so the last cycle's label is not cut off at the edge.
        margin={{ right: 32 }}
        xAxis={[{ scaleType: 'point', data: chart.cycles }]}
        yAxis={[{ min: -100, max: 100 }]}
        series={[
          { label: 'Partner NPS', data: chart.nps, connectNulls: true },
          { label: 'T-score', data: chart.tScore, connectNulls: true },
          { label: '% on track', data: chart.onTrackPercent, connectNulls: true },
          ...(chart.checkInPercent.some((value) => value !== null) ? [{ label: '% check-ins held', data: chart.checkInPercent, connectNulls: true }] : []),
        ]}
      />
    </ChartCard>
  );
}

function HealthCard({ measures, organizationName }: { measures: Measures; organizationName: (id: string) => string }) {
  const chart = healthChart(measures.health, organizationName);
  if (!chart) {
    return (
      <ChartCard title="Health check" label="Health check per dimension and organization" subtitle="No health check answered yet">
        {null}
      </ChartCard>
    );
  }
  return (
    <ChartCard
      title={`Health check, cycle ${chart.cycle}`}
      label="Health check per dimension and organization"
      subtitle={chart.overallGap === null ? 'Only one organization has answered: no gap yet' : `Scores 1–5 per organization; largest gap ${chart.overallGap}`}
    >
      <BarChart
        height={CHART_HEIGHT + 40}
        layout="horizontal"
        yAxis={[{ scaleType: 'band', data: chart.dimensions, width: 140 }]}
        xAxis={[{ min: 0, max: 5 }]}
        series={chart.series}
      />
    </ChartCard>
  );
}

function KpiCard({ chart, owner }: { chart: TrajectoryChart; owner: string }) {
  return (
    <ChartCard
      title={chart.title}
      label={`KPI ${chart.title}`}
      subtitle={
        <Stack direction="row" spacing={1} alignItems="center" sx={{ flexWrap: 'wrap' }}>
          <span>Owner: {owner}</span>
          {chart.onTrack !== null && <Chip size="small" color={chart.onTrack ? 'success' : 'warning'} label={chart.onTrack ? 'On track' : 'Behind'} />}
          {chart.latest && <span>{chart.latest}</span>}
          {chart.betweenReviews > 0 && <span>({chart.betweenReviews} reported between reviews)</span>}
        </Stack>
      }
    >
      <LineChart
        height={CHART_HEIGHT}
        xAxis={[{ scaleType: 'time', data: chart.at, valueFormatter: (date: Date) => date.toLocaleDateString() }]}
        series={[
          { label: 'Planned', data: chart.planned, connectNulls: true, showMark: false },
          { label: 'Actual', data: chart.actual, connectNulls: false, showMark: true },
        ]}
      />
    </ChartCard>
  );
}
