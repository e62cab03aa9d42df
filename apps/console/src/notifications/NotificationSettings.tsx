import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { Link, Loading, Title, useGetIdentity } from 'react-admin';
import { DEFAULT_NOTIFICATION_PREFERENCE, notificationPreferenceSchema, type NotificationPreference } from '@pe/domain';
import { useConsoleDataProvider } from '../useConsoleDataProvider';
import { useNotifyError, useNotifySuccess } from '../notifyError';

/** Where "My notifications" lives: a page of its own, since it is one person's setting rather than a list. */
export const NOTIFICATION_SETTINGS_PATH = '/notification-settings';

/**
 * Each person chooses where their reminders and escalations go: in the console, by email (to the
 * address they sign in with), or both; and by email one at a time or as one digest a day. Every
 * role has this page; it changes only the caller's own setting.
 */
export function NotificationSettings() {
  const dataProvider = useConsoleDataProvider();
  const notifyError = useNotifyError();
  const notifySuccess = useNotifySuccess();
  const { identity } = useGetIdentity();
  const [preference, setPreference] = useState<NotificationPreference | null>(null);
  const [updatedAt, setUpdatedAt] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let current = true;
    dataProvider.notificationPreference().then(
      ({ updatedAt: at, ...stored }) => {
        if (!current) return;
        setPreference(stored);
        setUpdatedAt(at);
      },
      (error: unknown) => {
        notifyError(error);
        if (current) setPreference(DEFAULT_NOTIFICATION_PREFERENCE);
      },
    );
    return () => {
      current = false;
    };
  }, [dataProvider, notifyError]);

  if (!preference) return <Loading />;
  const checked = notificationPreferenceSchema.safeParse(preference);
  const problem = checked.success ? null : (checked.error.issues[0]?.message ?? null);
  const change = (patch: Partial<NotificationPreference>) => setPreference({ ...preference, ...patch });
  const save = async () => {
    setSaving(true);
    try {
      const { updatedAt: at, ...stored } = await dataProvider.setNotificationPreference(preference);
      setPreference(stored);
      setUpdatedAt(at);
      notifySuccess('Your notification settings are saved');
    } catch (error) {
      notifyError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Box sx={{ maxWidth: 640, mt: 2 }}>
      <Title title="My notifications" />
      <Card variant="outlined" component="section" aria-labelledby="notification-settings-heading">
        <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          <Typography id="notification-settings-heading" variant="h6" component="h2">
            Where your reminders and escalations go
          </Typography>
          <FormControl component="fieldset" error={problem !== null}>
            <FormLabel component="legend">Channels</FormLabel>
            <FormGroup>
              <FormControlLabel control={<Checkbox checked={preference.inApp} onChange={(event) => change({ inApp: event.target.checked })} />} label="In the console (Notifications)" />
              <FormControlLabel
                control={<Checkbox checked={preference.email} onChange={(event) => change({ email: event.target.checked })} />}
                label={`By email${identity && typeof identity.email === 'string' ? ` to ${identity.email}` : ''}`}
              />
            </FormGroup>
            {problem && <FormHelperText>{problem}</FormHelperText>}
          </FormControl>
          <FormControl component="fieldset" disabled={!preference.email}>
            <FormLabel component="legend">Emails</FormLabel>
            <RadioGroup value={preference.cadence} onChange={(event) => change({ cadence: event.target.value === 'daily' ? 'daily' : 'immediate' })}>
              <FormControlLabel value="immediate" control={<Radio />} label="One email for each notification, at once" />
              <FormControlLabel value="daily" control={<Radio />} label="One digest email a day" />
            </RadioGroup>
            <FormHelperText>{preference.email ? 'The digest gathers everything since the one before.' : 'Choose email above to receive emails.'}</FormHelperText>
          </FormControl>
          {!preference.inApp && (
            <Alert severity="info">New notifications will not appear in the console’s Notifications list, only in your email.</Alert>
          )}
          <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
            <Button variant="contained" disabled={saving || problem !== null} onClick={() => void save()}>
              Save
            </Button>
            <Typography variant="body2" color="text.secondary">
              {updatedAt ? `Last changed ${new Date(updatedAt).toLocaleString()}` : 'Not chosen yet: notifications appear in the console only.'}
            </Typography>
          </Box>
          <Typography variant="body2">
            <Link to="/notifications">Back to your notifications</Link>
          </Typography>
        </CardContent>
      </Card>
    </Box>
  );
}
