import WarningAmberIcon from '@mui/icons-material/WarningAmber';
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
import { useState } from 'react';
import { fieldErrorsOf, type FieldErrors } from '../apiError';
import { useNotifyError, useNotifySuccess } from '../notifyError';
import { goalOverlap, type AlignmentMission } from '@pe/domain';
import { ALIGNMENT_SCORES, alignmentRows, missionChangedWarning, overlapWarning, toScoreAlignmentCommand, type AlignmentRow } from './listeningModel';
import { usePartnershipPage } from './PartnershipPageContext';
import { goalsByRank } from './partnershipModel';
import { useAlignmentMissions } from './useAlignmentMissions';
import { useReportUnsaved } from './UnsavedChanges';
import { usePartnershipCommand } from './usePartnershipCommand';

type Draft = Record<string, number | ''>;

/**
 * The mission-alignment matrix: organization × goal, 0–3, each organization's mission beside the
 * goals it scores (and a warning when the mission changed after it scored). Each row is saved on its
 * own (ScoreAlignment is per organization); a partner sees a select only in its own row.
 */
export function AlignmentMatrix({ open }: { open: boolean }) {
  const { record, access, names, replay } = usePartnershipPage();
  const missions = useAlignmentMissions(record.id, record.version, replay?.point);
  const compact = useMediaQuery<Theme>((theme) => theme.breakpoints.down('md'));
  const goals = goalsByRank(record.goals);
  const rows = alignmentRows(record.organizationIds, goals, record.alignment, (id) => open && access.mayScore(id));
  const overlaps = goals.map((goal) => goalOverlap(goal, record.organizationIds, record.alignment));
  const warnings = overlaps.flatMap((overlap) => {
    const warning = overlapWarning(overlap, names.organization);
    const goal = goals.find((candidate) => candidate.rank === overlap.rank);
    return warning ? [`Goal ${overlap.rank} (${goal?.title ?? ''}): ${warning}`] : [];
  });

  if (goals.length === 0) return <Typography variant="body2">No goals to score yet.</Typography>;
  return (
    <Stack spacing={1}>
      {compact ? (
        rows.map((row) => <AlignmentRowEditor key={`${row.organizationId}:${JSON.stringify(row.scores)}`} row={row} mission={missions.get(row.organizationId)} compact />)
      ) : (
        <Table size="small" aria-label="Mission alignment">
          <TableHead>
            <TableRow>
              <TableCell>Organization and its mission</TableCell>
              {goals.map((goal, index) => (
                <TableCell key={goal.rank}>
                  {goal.rank}. {goal.title}
                  {overlaps[index]?.flagged && <WarningAmberIcon color="warning" fontSize="small" titleAccess="Low overlap" sx={{ verticalAlign: 'middle', ml: 0.5 }} />}
                </TableCell>
              ))}
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row) => (
              <AlignmentRowEditor key={`${row.organizationId}:${JSON.stringify(row.scores)}`} row={row} mission={missions.get(row.organizationId)} compact={false} />
            ))}
            <TableRow>
              <TableCell>Average</TableCell>
              {overlaps.map((overlap) => (
                <TableCell key={overlap.rank} sx={{ color: overlap.flagged ? 'warning.dark' : undefined }}>
                  {overlap.average === null ? '—' : overlap.average.toFixed(1)}
                </TableCell>
              ))}
              <TableCell />
            </TableRow>
          </TableBody>
        </Table>
      )}
      {warnings.map((warning) => (
        <Alert key={warning} severity="warning">
          {warning}
        </Alert>
      ))}
      <Typography variant="caption" color="text.secondary">
        0: no overlap with the organization’s mission, 3: at its heart. A goal scored 0 by an organization or averaging below 1.5 is flagged.
      </Typography>
    </Stack>
  );
}

/** An organization's mission as the matrix shows it beside its scores; null until the missions load. */
function MissionNote({ mission, organization }: { mission: AlignmentMission | undefined; organization: string }) {
  if (!mission) return null;
  return (
    <Stack spacing={0.5} aria-label={`Mission of ${organization}`} sx={{ maxWidth: 360 }}>
      <Typography variant="body2" color={mission.mission ? 'text.secondary' : 'text.disabled'} sx={{ whiteSpace: 'pre-wrap', fontStyle: 'italic' }}>
        {mission.mission ? mission.mission.text : 'No mission recorded'}
      </Typography>
      {mission.changedSinceScored && (
        <Alert severity="warning" sx={{ py: 0 }}>
          {missionChangedWarning(mission)}
        </Alert>
      )}
    </Stack>
  );
}

function AlignmentRowEditor({ row, mission, compact }: { row: AlignmentRow; mission: AlignmentMission | undefined; compact: boolean }) {
  const { record, names } = usePartnershipPage();
  const goals = goalsByRank(record.goals);
  const { send, pending } = usePartnershipCommand(record.id);
  const notifySuccess = useNotifySuccess();
  const notifyError = useNotifyError();
  const [draft, setDraft] = useState<Draft>(() => Object.fromEntries(Object.entries(row.scores).map(([rank, score]) => [rank, score ?? ''])));
  const [errors, setErrors] = useState<FieldErrors>({});
  const organization = names.organization(row.organizationId);
  useReportUnsaved(Object.entries(draft).some(([rank, score]) => (score === '' ? undefined : score) !== row.scores[rank]));

  const save = async () => {
    try {
      await send(toScoreAlignmentCommand(row.organizationId, draft));
      setErrors({});
      notifySuccess(`Alignment of ${organization} saved`);
    } catch (error) {
      setErrors(fieldErrorsOf(error));
      notifyError(error);
    }
  };

  const cell = (rank: number, title: string) => {
    const key = String(rank);
    const score = row.scores[key];
    if (!row.editable) return <Typography variant="body2">{score ?? '—'}</Typography>;
    return (
      <TextField
        select
        size="small"
        label={compact ? `${rank}. ${title}` : undefined}
        slotProps={{ select: { native: true }, inputLabel: { shrink: true }, htmlInput: { 'aria-label': `${organization}, goal ${rank}` } }}
        value={draft[key] ?? ''}
        onChange={(event) => setDraft({ ...draft, [key]: event.target.value === '' ? '' : Number(event.target.value) })}
        error={!!errors[`scores.${key}`]}
        helperText={errors[`scores.${key}`]}
        fullWidth={compact}
      >
        <option value="">–</option>
        {ALIGNMENT_SCORES.map((value) => (
          <option key={value} value={value}>
            {value}
          </option>
        ))}
      </TextField>
    );
  };
  const saveButton = row.editable && (
    <Button size="small" variant="outlined" onClick={save} disabled={pending}>
      Save {compact ? `${organization}’s scores` : 'row'}
    </Button>
  );
  const rowError = errors.organizationId;

  if (compact) {
    return (
      <Paper variant="outlined" sx={{ p: 1.5 }} aria-label={`Alignment of ${organization}`}>
        <Typography variant="subtitle2" gutterBottom>
          {organization}
        </Typography>
        <MissionNote mission={mission} organization={organization} />
        <Stack spacing={1.5} sx={{ mt: 1 }}>
          {goals.map((goal) => (
            <Stack key={goal.rank} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              {row.editable ? cell(goal.rank, goal.title) : (
                <>
                  <Typography variant="body2" sx={{ flex: 1 }}>
                    {goal.rank}. {goal.title}
                  </Typography>
                  {cell(goal.rank, goal.title)}
                </>
              )}
            </Stack>
          ))}
          {rowError && <Alert severity="error">{rowError}</Alert>}
          {saveButton}
        </Stack>
      </Paper>
    );
  }
  return (
    <TableRow>
      <TableCell component="th" scope="row">
        <Typography variant="body2" sx={{ fontWeight: 500 }}>
          {organization}
        </Typography>
        <MissionNote mission={mission} organization={organization} />
        {rowError && <Alert severity="error">{rowError}</Alert>}
      </TableCell>
      {goals.map((goal) => (
        <TableCell key={goal.rank}>{cell(goal.rank, goal.title)}</TableCell>
      ))}
      <TableCell>{saveButton}</TableCell>
    </TableRow>
  );
}
