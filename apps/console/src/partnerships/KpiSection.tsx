import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { draftChanges, type Kpi } from '@pe/domain';
import { useState } from 'react';
import { NumberInput, required, SelectInput, TextInput } from 'react-admin';
import { CommandForm } from './CommandForm';
import { DurationInput } from './DurationInput';
import { usePartnershipPage } from './PartnershipPageContext';
import { goalsByRank } from './partnershipModel';
import { fromIsoDuration } from './durationModel';
import { everyInWords, KPI_ERROR_MOVES, toDefineKpiCommand, type KpiFormValues } from './rolesModel';

/**
 * The KPIs, as cards (they stay readable at 390 px), and the form that defines one. In MEASUREMENT
 * the cards are the next version's: a KPI added or changed since the version in force is marked as
 * a draft, with what stays in force (and measured) until the partners sign.
 */
export function KpiSection({ editable }: { editable: boolean }) {
  const { record, names } = usePartnershipPage();
  const changes = draftChanges({ draft: record.draft ?? null, roles: record.roles ?? [], kpis: record.kpis ?? [] });
  const kpis = record.draft?.kpis ?? record.kpis ?? [];
  // The KPI the form changes (its id goes with the command), or null to define a new one.
  const [changing, setChanging] = useState<Kpi | null>(null);
  const describe = (kpi: Kpi) =>
    `${names.organization(kpi.ownerOrganizationId)} reports it ${everyInWords(kpi.cadence)}: from ${kpi.baseline} to ${kpi.target} ${kpi.unit} (${kpi.direction})${kpi.goalRank !== null ? `, for goal ${kpi.goalRank}` : ''}`;
  return (
    <Stack spacing={1}>
      {kpis.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          No KPI defined yet.
        </Typography>
      )}
      {kpis.map((kpi) => {
        const added = changes?.kpis.added.some((candidate) => candidate.id === kpi.id);
        const changed = changes?.kpis.changed.find((candidate) => candidate.after.id === kpi.id);
        return (
          <Paper key={kpi.id} variant="outlined" sx={{ p: 1.5, ...(added || changed ? { borderColor: 'warning.main', borderStyle: 'dashed' } : {}) }} aria-label={`KPI ${kpi.name}`}>
            <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
              <Typography variant="subtitle2">{kpi.name}</Typography>
              {editable && (
                <Button size="small" onClick={() => setChanging(kpi)} aria-label={`Change KPI ${kpi.name}`}>
                  Change
                </Button>
              )}
              {added && <Chip size="small" color="warning" label={`Draft: new since version ${changes!.sinceVersion}, not measured yet`} />}
              {changed && <Chip size="small" color="warning" label={`Draft: changed since version ${changes!.sinceVersion}`} />}
            </Stack>
            <Typography variant="body2">{describe(kpi)}</Typography>
            {changed && (
              <Typography variant="body2" color="text.secondary">
                In force and measured until the new version is signed: {describe(changed.before)}
              </Typography>
            )}
          </Paper>
        );
      })}
      {editable && <DefineKpiForm key={changing?.id ?? 'new'} changing={changing} onDone={() => setChanging(null)} />}
    </Stack>
  );
}

function DefineKpiForm({ changing, onDone }: { changing: Kpi | null; onDone: () => void }) {
  const { record, organizations } = usePartnershipPage();
  const members = organizations.filter((organization) => record.organizationIds.includes(organization.id));
  const goals = goalsByRank(record.goals).map((goal) => ({ id: goal.rank, name: `${goal.rank}. ${goal.title}` }));
  // Once an agreement is in force, a KPI defined or changed here is a draft of its next version.
  const drafts = record.stage === 'MEASUREMENT';
  return (
    <CommandForm<KpiFormValues>
      partnershipId={record.id}
      defaultValues={{
        kpi: changing
          ? { ...changing, cadence: fromIsoDuration(changing.cadence) }
          : { id: null, name: '', ownerOrganizationId: null, unit: '', baseline: null, target: null, cadence: { amount: 1, unit: 'M' }, goalRank: null },
      }}
      toCommand={toDefineKpiCommand}
      errorMoves={KPI_ERROR_MOVES}
      success={drafts ? 'KPI drafted for the next agreement version' : 'KPI defined'}
      saveLabel={drafts ? 'Draft KPI' : 'Define KPI'}
    >
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography variant="subtitle2" component="h4">
          {changing ? `Change KPI “${changing.name}”` : 'Define a KPI'}
          {drafts ? ' (a draft of the next agreement version)' : ''}
        </Typography>
        {changing && (
          <Button size="small" onClick={onDone}>
            Define a new one instead
          </Button>
        )}
      </Stack>
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
