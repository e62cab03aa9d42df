import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { draftChanges, hasChanges, signingChanges } from '@pe/domain';
import type { FieldErrors } from '../apiError';
import { changeLines } from './agreementModel';
import { CommandButton } from './CommandButton';
import { usePartnershipPage } from './PartnershipPageContext';

/**
 * MEASUREMENT, once a version is in force: a KPI or role change is a draft of the next agreement
 * version. Says which version stays in force (and is measured), lists the changes since it, and
 * offers the coordinator the issue of the version that carries them.
 */
export function NextVersionDraft({ onFieldErrors }: { onFieldErrors: (errors: FieldErrors) => void }) {
  const { record, access, names } = usePartnershipPage();
  const inForce = record.agreedVersion ?? null;
  if (record.stage !== 'MEASUREMENT' || inForce === null) return null;
  const signing = record.signoff?.subject === 'AGREEMENT' ? signingChanges({ agreement: record.agreement ?? null, agreedVersion: inForce, roles: record.roles ?? [], kpis: record.kpis ?? [] }) : null;
  if (signing && hasChanges(signing)) {
    return (
      <Alert severity="info" aria-label="Changes being signed">
        <AlertTitle>
          Version {record.agreement?.version} is being signed: changes since version {inForce}
        </AlertTitle>
        <ChangeList lines={changeLines(signing, names)} />
        <Typography variant="body2">Version {inForce}’s KPIs and roles stay in force, and measured, until the partners adopt it.</Typography>
      </Alert>
    );
  }
  const changes = draftChanges({ draft: record.draft ?? null, roles: record.roles ?? [], kpis: record.kpis ?? [] });
  const next = (record.agreement?.version ?? inForce) + 1;
  const canIssue = access.coordinates && !record.signoff && !record.hold;
  if (!changes || !hasChanges(changes)) {
    return (
      <Alert severity="info" variant="outlined" aria-label="Agreement in force">
        Version {inForce} of the agreement is in force: its KPIs and roles are the ones measured. A KPI or role changed here is a draft of the next version, in force only once the partners sign it.
      </Alert>
    );
  }
  return (
    <Alert severity="warning" aria-label="Draft of the next agreement version">
      <AlertTitle>Changes since version {inForce}: a draft, not in force</AlertTitle>
      <ChangeList lines={changeLines(changes, names)} />
      <Typography variant="body2" sx={{ mb: canIssue ? 1 : 0 }}>
        Version {inForce}’s KPIs and roles stay in force, and measured, until the partners sign a new version that carries these changes.
        {record.agreement && !record.agreement.adopted ? ` Version ${record.agreement.version} was not adopted; the draft stays.` : ''}
      </Typography>
      {canIssue && (
        <CommandButton partnershipId={record.id} command={{ type: 'IssueAgreement' }} success={`Version ${next} issued for signature`} onFieldErrors={onFieldErrors}>
          Issue version {next} for signature
        </CommandButton>
      )}
    </Alert>
  );
}

function ChangeList({ lines }: { lines: string[] }) {
  return (
    <Stack component="ul" spacing={0.25} sx={{ m: 0, mb: 1, pl: 2.5 }}>
      {lines.map((line) => (
        <Typography key={line} component="li" variant="body2">
          {line}
        </Typography>
      ))}
    </Stack>
  );
}
