import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { hasChanges, type AgreedChanges } from '@pe/domain';
import { changeLines } from '../../partnerships/agreementModel';
import { useNames } from '../useNames';

/** What a signatory is asked to agree to change: the KPIs and roles of this version against the one in force. */
export function AgreementChanges({ changes, version }: { changes: AgreedChanges; version: number }) {
  const ids = [...changes.kpis.added, ...changes.kpis.removed, ...changes.kpis.changed.flatMap(({ before, after }) => [before, after])].map((kpi) => kpi.ownerOrganizationId);
  const organization = useNames('organizations', [...ids, ...changes.roles.added.map((role) => role.organizationId), ...changes.roles.removed.map((role) => role.organizationId)]);
  if (!hasChanges(changes)) return null;
  return (
    <Alert severity="warning" sx={{ my: 1 }} aria-label="What this version changes">
      <AlertTitle>
        What version {version} changes since version {changes.sinceVersion}, in force
      </AlertTitle>
      <Stack component="ul" spacing={0.25} sx={{ m: 0, mb: 1, pl: 2.5 }}>
        {changeLines(changes, { organization }).map((line) => (
          <Typography key={line} component="li" variant="body2">
            {line}
          </Typography>
        ))}
      </Stack>
      <Typography variant="body2">Version {changes.sinceVersion}’s KPIs and roles stay in force, and measured, until this version is adopted.</Typography>
    </Alert>
  );
}
