import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { NumberInput, required, SelectInput, TextInput } from 'react-admin';
import { CommandForm } from './CommandForm';
import { DurationInput } from './DurationInput';
import { usePartnershipPage } from './PartnershipPageContext';
import { goalsByRank } from './partnershipModel';
import { everyInWords, KPI_ERROR_MOVES, toDefineKpiCommand, type KpiFormValues } from './rolesModel';

/** The KPIs agreed so far, as cards (they stay readable at 390 px), and the form that defines one. */
export function KpiSection({ editable }: { editable: boolean }) {
  const { record, names } = usePartnershipPage();
  const kpis = record.kpis ?? [];
  return (
    <Stack spacing={1}>
      {kpis.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          No KPI defined yet.
        </Typography>
      )}
      {kpis.map((kpi) => (
        <Paper key={kpi.id} variant="outlined" sx={{ p: 1.5 }} aria-label={`KPI ${kpi.name}`}>
          <Typography variant="subtitle2">{kpi.name}</Typography>
          <Typography variant="body2">
            {names.organization(kpi.ownerOrganizationId)} reports it {everyInWords(kpi.cadence)}: from {kpi.baseline} to {kpi.target} {kpi.unit} ({kpi.direction})
            {kpi.goalRank !== null ? `, for goal ${kpi.goalRank}` : ''}
          </Typography>
        </Paper>
      ))}
      {editable && <DefineKpiForm />}
    </Stack>
  );
}

function DefineKpiForm() {
  const { record, organizations } = usePartnershipPage();
  const members = organizations.filter((organization) => record.organizationIds.includes(organization.id));
  const goals = goalsByRank(record.goals).map((goal) => ({ id: goal.rank, name: `${goal.rank}. ${goal.title}` }));
  return (
    <CommandForm<KpiFormValues>
      partnershipId={record.id}
      defaultValues={{ kpi: { name: '', ownerOrganizationId: null, unit: '', baseline: null, target: null, cadence: { amount: 1, unit: 'M' }, goalRank: null } }}
      toCommand={toDefineKpiCommand}
      errorMoves={KPI_ERROR_MOVES}
      success="KPI defined"
      saveLabel="Define KPI"
    >
      <Typography variant="subtitle2" component="h4">
        Define a KPI
      </Typography>
      <TextInput source="kpi.name" label="Name" validate={required()} fullWidth />
      <SelectInput source="kpi.ownerOrganizationId" label="Reported by" choices={members} validate={required()} fullWidth />
      <SelectInput source="kpi.goalRank" label="Measures goal" choices={goals} emptyText="No single goal" fullWidth />
      <Stack direction="row" sx={{ flexWrap: 'wrap', columnGap: 2 }}>
        <NumberInput source="kpi.baseline" label="Baseline" validate={required()} sx={{ width: 140 }} />
        <NumberInput source="kpi.target" label="Target" validate={required()} sx={{ width: 140 }} />
        <TextInput source="kpi.unit" label="Unit" validate={required()} sx={{ width: 140 }} />
      </Stack>
      <DurationInput source="kpi.cadence" label="Reported every" />
    </CommandForm>
  );
}
