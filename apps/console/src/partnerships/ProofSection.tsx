import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ProofReport } from '@pe/domain';
import { useCallback, useEffect, useState } from 'react';
import { useRecordContext } from 'react-admin';
import { useConsoleDataProvider } from '../useConsoleDataProvider';
import type { PartnershipRecord } from './partnershipModel';
import { proofChecks, verdictOf, type CheckView, type RunLine, type Tone } from './proofModel';
import { SectionHeading } from './SectionHeading';

type ProofLoad =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; report: ProofReport; checkedAt: Date }
  | { status: 'failed'; message: string };

/** While the API still replays the histories in the background, the tab asks again this often, keeping the last answer shown. */
const PENDING_RECHECK_MS = 4_000;

const when = (iso: string) => new Date(iso).toLocaleString();

/**
 * Proof that the partnership's record is whole, for anyone who may see the partnership; it only
 * reads. Verifying recomputes the chain and asks Temporal, so it runs when the tab is first shown
 * (and again when the partnership moves on, or on request), not whenever the page opens; and, while
 * the replay against today's code is still pending, again every few seconds until it has a verdict.
 */
export function ProofSection({ active }: { active: boolean }) {
  const partnership = useRecordContext<PartnershipRecord>();
  const { load, verify } = useProof(partnership?.id, partnership?.version, active);
  return (
    <Stack component="section" spacing={2} aria-labelledby="proof-heading">
      <Stack spacing={0.5}>
        <SectionHeading id="proof-heading">Proof the record is whole</SectionHeading>
        <Typography variant="body2" color="text.secondary">
          Recomputed on request from the event log, its signed checkpoints and the workflow’s own history in Temporal. Verifying changes nothing.
        </Typography>
      </Stack>
      {load.status === 'loading' && (
        <Box role="status" aria-label="Verifying">
          <Typography variant="body2" gutterBottom>
            Verifying…
          </Typography>
          <LinearProgress />
        </Box>
      )}
      {load.status === 'failed' && (
        <Alert severity="error" action={<Button onClick={verify}>Try again</Button>}>
          The proof could not be computed: {load.message}
        </Alert>
      )}
      {load.status === 'ready' && <Proof report={load.report} checkedAt={load.checkedAt} onVerify={verify} />}
    </Stack>
  );
}

function useProof(partnershipId: string | undefined, version: number | undefined, active: boolean) {
  const dataProvider = useConsoleDataProvider();
  const [load, setLoad] = useState<ProofLoad>({ status: 'idle' });
  const [verified, setVerified] = useState<string | null>(null);
  const ask = useCallback(
    (quietly: boolean) => {
      if (!partnershipId) return;
      if (!quietly) setLoad({ status: 'loading' });
      dataProvider.verify(partnershipId).then(
        (report) => setLoad({ status: 'ready', report, checkedAt: new Date() }),
        (error: unknown) => setLoad({ status: 'failed', message: error instanceof Error ? error.message : 'the API did not answer' }),
      );
    },
    [dataProvider, partnershipId],
  );
  const verify = useCallback(() => ask(false), [ask]);
  const wanted = partnershipId ? `${partnershipId}@${version ?? 0}` : null;
  useEffect(() => {
    if (!active || wanted === null || wanted === verified) return;
    setVerified(wanted);
    verify();
  }, [active, wanted, verified, verify]);
  const replaying = active && load.status === 'ready' && load.report.checks.determinism === 'pending';
  useEffect(() => {
    if (!replaying) return;
    const timer = setTimeout(() => ask(true), PENDING_RECHECK_MS);
    return () => clearTimeout(timer);
  }, [replaying, load, ask]);
  return { load, verify };
}

function Proof({ report, checkedAt, onVerify }: { report: ProofReport; checkedAt: Date; onVerify: () => void }) {
  const verdict = verdictOf(report, when);
  return (
    <Stack spacing={2}>
      <Alert severity={verdict.tone} aria-label="Verdict" sx={{ '& .MuiAlert-message': { minWidth: 0 } }}>
        <AlertTitle>{verdict.title}</AlertTitle>
        <Box component="ul" aria-label="Findings" sx={{ m: 0, pl: 2.5 }}>
          {verdict.findings.map((finding) => (
            <Typography component="li" variant="body2" key={finding} sx={{ overflowWrap: 'anywhere' }}>
              {finding}
            </Typography>
          ))}
        </Box>
      </Alert>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography variant="body2" color="text.secondary">
          Checked {checkedAt.toLocaleString()}
        </Typography>
        <Button size="small" variant="outlined" onClick={onVerify}>
          Verify again
        </Button>
      </Stack>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: 'minmax(0, 1fr)', md: 'repeat(2, minmax(0, 1fr))' }, gap: 2 }}>
        {proofChecks(report, when).map((check) => (
          <CheckCard key={check.id} check={check} />
        ))}
      </Box>
    </Stack>
  );
}

function CheckCard({ check }: { check: CheckView }) {
  const headingId = `proof-check-${check.id}`;
  return (
    <Paper variant="outlined" component="section" aria-labelledby={headingId} sx={{ p: 1.5, minWidth: 0 }}>
      <Stack spacing={1}>
        <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', gap: 1 }}>
          <Typography variant="subtitle1" component="h3" id={headingId}>
            {check.title}
          </Typography>
          <Chip size="small" label={check.outcome} color={check.tone} variant={check.tone === 'success' ? 'outlined' : 'filled'} />
        </Stack>
        {check.lines.map((line) => (
          <Typography variant="body2" key={line} sx={{ overflowWrap: 'anywhere' }}>
            {line}
          </Typography>
        ))}
        {check.code && (
          <Typography variant="body2" sx={{ fontFamily: 'monospace', fontSize: 12, overflowWrap: 'anywhere' }}>
            <Box component="span" sx={{ fontFamily: 'fontFamily', fontWeight: 600 }}>
              {check.code.label}:{' '}
            </Box>
            {check.code.value}
          </Typography>
        )}
        {check.runs.length > 0 && (
          <Stack component="ul" aria-label={`${check.title}, run by run`} spacing={1} sx={{ m: 0, p: 0, listStyle: 'none' }}>
            {check.runs.map((run) => (
              <RunItem key={run.key} run={run} />
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

const TONE_BORDERS: Record<Tone, string> = { success: 'success.main', error: 'error.main', warning: 'warning.main', info: 'info.main' };

function RunItem({ run }: { run: RunLine }) {
  return (
    <Box component="li" sx={{ borderLeft: 3, borderColor: TONE_BORDERS[run.tone], pl: 1 }}>
      <Typography variant="subtitle2" component="p">
        {run.title}
      </Typography>
      {run.lines.map((line) => (
        <Typography variant="body2" key={line} sx={{ overflowWrap: 'anywhere' }}>
          {line}
        </Typography>
      ))}
      {run.faults.map((fault) => (
        <Typography variant="body2" color="error" key={fault} sx={{ overflowWrap: 'anywhere' }}>
          {fault}
        </Typography>
      ))}
    </Box>
  );
}
