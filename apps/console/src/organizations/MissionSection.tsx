import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { MISSION_MAX_LENGTH, type MissionVersion } from '@pe/domain';
import { useCallback, useEffect, useState } from 'react';
import { useRecordContext } from 'react-admin';
import { fieldErrorsOf } from '../apiError';
import { useNotifyError, useNotifySuccess } from '../notifyError';
import { useConsoleDataProvider } from '../useConsoleDataProvider';
import { missionByline } from './organizationModel';
import type { OrganizationRecord } from './organizationModel';

type Load = { status: 'loading' } | { status: 'ready'; versions: MissionVersion[] } | { status: 'failed'; message: string };

/**
 * The organization's mission: the version in force, a form to record the next one, and every earlier
 * version (recording never rewrites one). Outside the organization's form, since it is saved on its own.
 */
export function MissionSection() {
  const organization = useRecordContext<OrganizationRecord>();
  const dataProvider = useConsoleDataProvider();
  const notifySuccess = useNotifySuccess();
  const notifyError = useNotifyError();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const id = organization?.id;

  const reload = useCallback(() => {
    if (id === undefined) return;
    dataProvider.missions(id).then(
      (versions) => setLoad({ status: 'ready', versions }),
      (failure: unknown) => setLoad({ status: 'failed', message: failure instanceof Error ? failure.message : 'could not load the mission' }),
    );
  }, [dataProvider, id]);
  useEffect(reload, [reload]);

  if (!organization) return null;
  const record = async () => {
    setPending(true);
    try {
      const version = await dataProvider.recordMission(organization.id, draft);
      setDraft('');
      setError(undefined);
      notifySuccess(`Mission version ${version.version} recorded`);
      reload();
    } catch (failure) {
      setError(fieldErrorsOf(failure).text);
      notifyError(failure);
    } finally {
      setPending(false);
    }
  };
  const versions = load.status === 'ready' ? load.versions : [];
  const [current, ...earlier] = versions;

  return (
    // On a phone the form's save toolbar is fixed to the bottom of the screen: room below lets the last button scroll clear of it.
    <Stack spacing={1.5} component="section" aria-labelledby="mission-heading" sx={{ p: 2, pb: { xs: 10, sm: 2 } }}>
      <Divider />
      <Typography id="mission-heading" variant="h6" component="h2">
        Mission
      </Typography>
      {load.status === 'failed' && <Alert severity="error">{load.message}</Alert>}
      {load.status === 'ready' && !current && (
        <Typography variant="body2" color="text.secondary">
          No mission recorded yet.
        </Typography>
      )}
      {current && (
        <div aria-label="Current mission">
          <Typography variant="body1" sx={{ whiteSpace: 'pre-wrap' }}>
            {current.text}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {missionByline(current)}
          </Typography>
        </div>
      )}
      <TextField
        label={current ? 'New version of the mission' : 'Mission'}
        multiline
        minRows={2}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        error={error !== undefined}
        helperText={error ?? `${draft.trim().length} / ${MISSION_MAX_LENGTH} characters; earlier versions are kept`}
        fullWidth
      />
      <div>
        <Button variant="outlined" onClick={record} disabled={pending}>
          Record mission
        </Button>
      </div>
      {earlier.length > 0 && (
        <Stack spacing={1} component="ol" aria-label="Earlier versions of the mission" sx={{ pl: 0, listStyle: 'none', m: 0 }}>
          <Typography variant="subtitle2" component="li">
            Earlier versions
          </Typography>
          {earlier.map((version) => (
            <li key={version.version}>
              <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
                {version.text}
              </Typography>
              <Typography variant="caption" color="text.secondary">
                {missionByline(version)}
              </Typography>
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
