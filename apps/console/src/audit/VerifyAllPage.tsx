import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import type { Theme } from '@mui/material/styles';
import { LOG_VERDICTS, type PartnershipVerification, type VerificationSummary } from '@pe/domain';
import { useState } from 'react';
import { Link, Title } from 'react-admin';
import { stageLabel } from '../partnerships/partnershipModel';
import { findingText, rowsToShow, runProgress, runSummary, VERDICT_COLORS, VERDICT_LABELS, type VerificationRun } from './auditModel';
import { useVerifyAll } from './useVerifyAll';

/**
 * Every partnership the person may see, verified at once: each log's hash chain recomputed and held
 * against its newest signed checkpoint. The counts come first, then the partnerships that did not
 * verify, each linking to its page.
 */
export function VerifyAllPage() {
  const { run, running, error, start, stop } = useVerifyAll();
  const [withValid, setWithValid] = useState(false);
  const started = run.startedAt !== null || running;
  return (
    <Stack spacing={2} sx={{ mt: 2, mb: 4 }}>
      <Title title="Verify all" />
      <Card variant="outlined">
        <CardContent>
          <Stack spacing={1.5}>
            <Typography variant="h5" component="h1">
              Verify all partnerships
            </Typography>
            <Typography variant="body2" color="text.secondary">
              Recomputes the hash chain of every partnership you may see and holds it against its newest signed checkpoint, so an edited, deleted,
              reordered or inserted event, a log cut short and a forged checkpoint all show. It reads the event log in PostgreSQL; Temporal’s own
              history is not consulted here.
            </Typography>
            <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
              <Button variant="contained" onClick={() => void start()} disabled={running}>
                {run.startedAt === null ? 'Verify all' : 'Verify again'}
              </Button>
              {running && (
                <Button variant="outlined" onClick={stop}>
                  Stop
                </Button>
              )}
            </Stack>
            {started && <Progress run={run} running={running} />}
            {error && <Alert severity="error">The verification stopped: {error}</Alert>}
          </Stack>
        </CardContent>
      </Card>
      {run.startedAt !== null && (
        <>
          <Summary summary={runSummary(run)} done={run.done} />
          <Results rows={rowsToShow(run, withValid)} validCount={runSummary(run).valid} withValid={withValid} onWithValid={setWithValid} />
        </>
      )}
    </Stack>
  );
}

function Progress({ run, running }: { run: VerificationRun; running: boolean }) {
  const checked = run.rows.length;
  const text = run.done
    ? `Checked ${checked} of ${run.total} partnership${run.total === 1 ? '' : 's'}${run.startedAt ? ` at ${new Date(run.startedAt).toLocaleString()}` : ''}`
    : running
      ? `Checking… ${checked} of ${run.total || '…'} done`
      : `Stopped after ${checked} of ${run.total}`;
  return (
    <Stack spacing={0.5}>
      <LinearProgress variant={run.total === 0 && running ? 'indeterminate' : 'determinate'} value={runProgress(run)} aria-label="Verification progress" />
      <Typography variant="body2" role="status">
        {text}
      </Typography>
    </Stack>
  );
}

function Summary({ summary, done }: { summary: VerificationSummary; done: boolean }) {
  const failed = summary.checked - summary.valid;
  return (
    <Card variant="outlined" component="section" aria-labelledby="verification-summary">
      <CardContent>
        <Stack spacing={1.5}>
          <Typography variant="h6" component="h2" id="verification-summary">
            Summary
          </Typography>
          {done &&
            (failed === 0 ? (
              <Alert severity="success">
                {summary.checked === 0 ? 'There is no partnership for you to verify.' : `All ${summary.checked} verified: every chain is whole and holds its signed checkpoint.`}
              </Alert>
            ) : (
              <Alert severity="error">
                {failed} of {summary.checked} partnership{summary.checked === 1 ? '' : 's'} did not verify.
              </Alert>
            ))}
          <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(130px, 1fr))', gap: 1, m: 0 }}>
            <Count label="Checked" value={summary.checked} />
            {LOG_VERDICTS.map((verdict) => (
              <Count key={verdict} label={VERDICT_LABELS[verdict]} value={summary[verdict]} tone={summary[verdict] > 0 ? VERDICT_COLORS[verdict] : undefined} />
            ))}
            {summary.withoutCheckpoint > 0 && <Count label="No checkpoint yet" value={summary.withoutCheckpoint} tone="warning" />}
          </Box>
        </Stack>
      </CardContent>
    </Card>
  );
}

function Count({ label, value, tone }: { label: string; value: number; tone?: 'success' | 'error' | 'warning' }) {
  return (
    <Box sx={{ border: 1, borderColor: tone ? `${tone}.main` : 'divider', borderRadius: 1, px: 1.5, py: 1 }}>
      <Typography component="dt" variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography component="dd" variant="h6" sx={{ m: 0, color: tone && tone !== 'success' ? `${tone}.main` : undefined }}>
        {value}
      </Typography>
    </Box>
  );
}

function Results({ rows, validCount, withValid, onWithValid }: { rows: PartnershipVerification[]; validCount: number; withValid: boolean; onWithValid: (value: boolean) => void }) {
  const small = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  return (
    <Card variant="outlined" component="section" aria-labelledby="verification-results">
      <CardContent>
        <Stack spacing={1}>
          <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: 1 }}>
            <Typography variant="h6" component="h2" id="verification-results">
              {withValid ? 'Every partnership' : 'Partnerships that did not verify'}
            </Typography>
            <FormControlLabel control={<Switch checked={withValid} onChange={(event) => onWithValid(event.target.checked)} />} label={`Show the ${validCount} valid too`} />
          </Stack>
          {rows.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              {withValid ? 'Nothing was checked yet.' : 'None so far: every partnership checked is whole.'}
            </Typography>
          ) : small ? (
            <Stack component="ul" aria-label="Verification results" sx={{ listStyle: 'none', m: 0, p: 0 }}>
              {rows.map((row) => (
                <Stack component="li" key={row.partnershipId} spacing={0.5} sx={{ py: 1, borderBottom: 1, borderColor: 'divider', '&:last-of-type': { borderBottom: 0 }, minWidth: 0 }}>
                  <Stack direction="row" spacing={1} sx={{ alignItems: 'center', minWidth: 0 }}>
                    <VerdictChip row={row} />
                    <PartnershipLink row={row} />
                  </Stack>
                  <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
                    {stageLabel(row.stage)} · {findingText(row)}
                  </Typography>
                </Stack>
              ))}
            </Stack>
          ) : (
            <Table size="small" aria-label="Verification results">
              <TableHead>
                <TableRow>
                  <TableCell>Verdict</TableCell>
                  <TableCell>Partnership</TableCell>
                  <TableCell>Stage</TableCell>
                  <TableCell>Finding</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((row) => (
                  <TableRow key={row.partnershipId}>
                    <TableCell>
                      <VerdictChip row={row} />
                    </TableCell>
                    <TableCell>
                      <PartnershipLink row={row} />
                    </TableCell>
                    <TableCell>{stageLabel(row.stage)}</TableCell>
                    <TableCell sx={{ overflowWrap: 'anywhere' }}>{findingText(row)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
}

function VerdictChip({ row }: { row: PartnershipVerification }) {
  return <Chip size="small" color={VERDICT_COLORS[row.verdict]} label={VERDICT_LABELS[row.verdict]} data-verdict={row.verdict} />;
}

function PartnershipLink({ row }: { row: PartnershipVerification }) {
  return (
    <Link to={`/partnerships/${row.partnershipId}/show`} sx={{ overflowWrap: 'anywhere' }}>
      {row.name}
    </Link>
  );
}
