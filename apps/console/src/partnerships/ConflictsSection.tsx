import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { AutocompleteArrayInput, required, SelectInput, TextInput } from 'react-admin';
import { CommandForm } from './CommandForm';
import { CONFLICT_SEVERITY_LABELS, CONFLICT_STEP_LABELS, conflictStatus, registerOrder, severityChoices, toRaiseConflictCommand, type RaiseConflictValues } from './conflictModel';
import { usePartnershipPage } from './PartnershipPageContext';
import { SectionHeading } from './SectionHeading';

/** A chip whose label wraps on a phone instead of widening the page. */
const WRAPPING_CHIP = { height: 'auto', maxWidth: '100%', '& .MuiChip-label': { whiteSpace: 'normal', py: 0.25 } } as const;

/** The conflict register: every conflict with where it stands and its history, and, for participants, raising one. */
export function ConflictsSection() {
  const { record, access, names } = usePartnershipPage();
  const conflicts = registerOrder(record.conflicts ?? []);
  return (
    <Stack spacing={3}>
      <Stack spacing={1} component="section" aria-labelledby="register-heading">
        <SectionHeading id="register-heading">Conflict register</SectionHeading>
        <Typography variant="body2" color="text.secondary">
          Each conflict goes through the steps of the conflict process: {Object.values(CONFLICT_STEP_LABELS).join(' → ').toLowerCase()}. Each step is a task for its owner; an overdue step is reminded and escalated like any task.
          {record.conflictProcess ? ` The agreed process: ${record.conflictProcess}` : ''}
        </Typography>
        {conflicts.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            No conflict has been raised.
          </Typography>
        )}
        {conflicts.map((conflict) => (
          <Paper key={conflict.id} variant="outlined" sx={{ p: 1.5 }} role="group" aria-label={conflict.title}>
            <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1, alignItems: 'center' }}>
              <Typography variant="subtitle2" component="h4">
                {conflict.title}
              </Typography>
              <Chip size="small" label={`${CONFLICT_SEVERITY_LABELS[conflict.severity]} severity`} color={conflict.severity === 'high' ? 'error' : conflict.severity === 'medium' ? 'warning' : 'default'} />
              <Chip size="small" label={conflictStatus(conflict)} color={conflict.status === 'resolved' ? 'success' : 'default'} variant="outlined" sx={WRAPPING_CHIP} />
            </Stack>
            <Typography variant="body2">Between {conflict.organizationIds.map(names.organization).join(' and ')}</Typography>
            {conflict.description && (
              <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
                {conflict.description}
              </Typography>
            )}
            <Typography variant="caption" color="text.secondary" component="p">
              Raised by {names.user(conflict.raisedBy)} on {new Date(conflict.raisedAt).toLocaleString()}
            </Typography>
            {conflict.steps.map((passed) => (
              <Typography key={`${passed.step}-${passed.at}`} variant="body2" color="text.secondary">
                {CONFLICT_STEP_LABELS[passed.step]}: passed on by {names.user(passed.by)} — “{passed.note}”
              </Typography>
            ))}
            {conflict.resolution && (
              <Typography variant="body2">
                Resolved on {new Date(conflict.resolvedAt ?? conflict.raisedAt).toLocaleString()}: “{conflict.resolution}”
              </Typography>
            )}
          </Paper>
        ))}
      </Stack>
      {access.raisesConflicts && !record.hold && <RaiseConflictForm />}
    </Stack>
  );
}

function RaiseConflictForm() {
  const { record, names } = usePartnershipPage();
  const members = record.organizationIds.map((id) => ({ id, name: names.organization(id) }));
  return (
    <Stack spacing={1} component="section" aria-labelledby="raise-heading">
      <SectionHeading id="raise-heading">Raise a conflict</SectionHeading>
      <CommandForm<RaiseConflictValues>
        partnershipId={record.id}
        defaultValues={{ title: '', description: '', organizationIds: [], severity: 'medium' }}
        toCommand={toRaiseConflictCommand}
        success="Conflict raised: the first step is open"
        saveLabel="Raise conflict"
      >
        <TextInput source="title" label="What the conflict is about" validate={required()} fullWidth />
        <AutocompleteArrayInput source="organizationIds" label="Between" choices={members} validate={required()} fullWidth />
        <SelectInput source="severity" label="Severity" choices={severityChoices} validate={required()} />
        <TextInput source="description" label="Details" fullWidth multiline />
      </CommandForm>
    </Stack>
  );
}
