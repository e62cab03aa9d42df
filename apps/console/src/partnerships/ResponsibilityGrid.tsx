import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import type { Theme } from '@mui/material/styles';
import type { Responsibility } from '@pe/domain';
import { useState } from 'react';
import { fieldErrorsOf, type FieldErrors } from '../apiError';
import { useNotifyError, useNotifySuccess } from '../notifyError';
import { usePartnershipPage } from './PartnershipPageContext';
import { goalsByRank } from './partnershipModel';
import { RESPONSIBILITY_LABELS } from '../methodLabels';
import { ACCOUNTABLE_RULE, accountableChecks, responsibilityChoices, responsibilityGrid, toDefineRolesCommand, type ResponsibilityGrid as Grid } from './rolesModel';
import { joinNames } from './waitingModel';
import { useReportUnsaved } from './UnsavedChanges';
import { usePartnershipCommand } from './usePartnershipCommand';

/** The roles the grid edits: the draft of the next version, when one is drafted, else those recorded. */
const nextRoles = (record: ReturnType<typeof usePartnershipPage>['record']) => record.draft?.roles ?? record.roles ?? [];

/**
 * Organization × goal: responsible / accountable / consulted / informed. A table on wide screens,
 * one card per goal on a phone; the one-accountable rule is checked as the grid is filled.
 */
export function ResponsibilityGrid({ editable, issueErrors }: { editable: boolean; issueErrors: FieldErrors }) {
  const { record } = usePartnershipPage();
  // Restart the draft only when the recorded roles (or the members and goals) change.
  const key = JSON.stringify([nextRoles(record), record.organizationIds, record.goals.map((goal) => goal.rank)]);
  return <GridEditor key={key} editable={editable} issueErrors={issueErrors} />;
}

function GridEditor({ editable, issueErrors }: { editable: boolean; issueErrors: FieldErrors }) {
  const { record, names } = usePartnershipPage();
  const compact = useMediaQuery<Theme>((theme) => theme.breakpoints.down('md'));
  const goals = goalsByRank(record.goals);
  const roles = nextRoles(record);
  // In MEASUREMENT a save drafts the next agreement version's roles; those in force stay until it is adopted.
  const drafts = record.stage === 'MEASUREMENT';
  const [grid, setGrid] = useState<Grid>(() => responsibilityGrid(record.organizationIds, goals, roles));
  useReportUnsaved(JSON.stringify(grid) !== JSON.stringify(responsibilityGrid(record.organizationIds, goals, roles)));
  const [errors, setErrors] = useState<FieldErrors>({});
  const { send, pending } = usePartnershipCommand(record.id);
  const notifySuccess = useNotifySuccess();
  const notifyError = useNotifyError();
  const checks = accountableChecks(goals, grid);

  const save = async () => {
    try {
      await send(toDefineRolesCommand(grid));
      setErrors({});
      notifySuccess(drafts ? 'Responsibilities drafted for the next agreement version' : 'Responsibilities saved');
    } catch (error) {
      setErrors(fieldErrorsOf(error));
      notifyError(error);
    }
  };

  const cell = (organizationId: string, rank: number, label: string) => {
    const value = grid[organizationId]?.[String(rank)] ?? '';
    if (!editable) return <Typography variant="body2">{value ? RESPONSIBILITY_LABELS[value] : '—'}</Typography>;
    return (
      <TextField
        select
        size="small"
        fullWidth
        label={compact ? label : undefined}
        slotProps={{ select: { native: true }, inputLabel: { shrink: true }, htmlInput: { 'aria-label': `${names.organization(organizationId)}, goal ${rank}` } }}
        value={value}
        onChange={(event) => setGrid({ ...grid, [organizationId]: { ...grid[organizationId], [String(rank)]: event.target.value as Responsibility | '' } })}
      >
        <option value="">None</option>
        {responsibilityChoices.map((choice) => (
          <option key={choice.id} value={choice.id}>
            {choice.name}
          </option>
        ))}
      </TextField>
    );
  };

  const ruleLine = (rank: number) => {
    const check = checks.find((candidate) => candidate.rank === rank);
    const problem = issueErrors[`roles.goal${rank}`];
    if (!check) return null;
    const text = check.ok
      ? `Accountable: ${names.organization(check.accountable[0]!)}`
      : check.accountable.length === 0
        ? 'No accountable organization yet'
        : `${check.accountable.length} accountable organizations (${joinNames(check.accountable.map(names.organization))}): choose one`;
    return (
      <Typography variant="caption" color={check.ok ? 'success.main' : problem ? 'error' : 'warning.dark'} component="div">
        {problem ?? text}
      </Typography>
    );
  };

  return (
    <Stack spacing={1}>
      {record.stage === 'MEASUREMENT' && record.draft && (
        <Typography variant="body2" color="warning.dark">
          Showing the draft of the next agreement version (changes since version {record.draft.sinceVersion}); version {record.draft.sinceVersion}’s roles stay in force until it is signed.
        </Typography>
      )}
      <Alert severity="info" variant="outlined">
        {ACCOUNTABLE_RULE} Responsible organizations do the work, consulted ones are asked before decisions, informed ones are told after.
      </Alert>
      {compact ? (
        goals.map((goal) => (
          <Paper key={goal.rank} variant="outlined" sx={{ p: 1.5 }}>
            <Typography variant="subtitle2">
              {goal.rank}. {goal.title}
            </Typography>
            {ruleLine(goal.rank)}
            <Stack spacing={1.5} sx={{ mt: 1 }}>
              {record.organizationIds.map((organizationId) => (
                <Stack key={organizationId} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                  {!editable && (
                    <Typography variant="body2" sx={{ flex: 1 }}>
                      {names.organization(organizationId)}
                    </Typography>
                  )}
                  {cell(organizationId, goal.rank, names.organization(organizationId))}
                </Stack>
              ))}
            </Stack>
          </Paper>
        ))
      ) : (
        <Table size="small" aria-label="Responsibilities">
          <TableHead>
            <TableRow>
              <TableCell>Organization</TableCell>
              {goals.map((goal) => (
                <TableCell key={goal.rank}>
                  {goal.rank}. {goal.title}
                  {ruleLine(goal.rank)}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {record.organizationIds.map((organizationId) => (
              <TableRow key={organizationId}>
                <TableCell component="th" scope="row">
                  {names.organization(organizationId)}
                </TableCell>
                {goals.map((goal) => (
                  <TableCell key={goal.rank}>{cell(organizationId, goal.rank, names.organization(organizationId))}</TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {Object.entries(errors).map(([field, message]) => (
        <Alert key={field} severity="error">
          {message}
        </Alert>
      ))}
      {editable && (
        <div>
          <Button variant="contained" onClick={save} disabled={pending}>
            {drafts ? 'Draft responsibilities' : 'Save responsibilities'}
          </Button>
        </div>
      )}
    </Stack>
  );
}
