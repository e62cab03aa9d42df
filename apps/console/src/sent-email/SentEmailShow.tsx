import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { FunctionField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { emailStateLabel, type SentEmailRecord } from './sentEmailModel';

/** One email as sent (the page a phone opens from the list). */
export function SentEmailShow() {
  return (
    <Show title="Sent email">
      <SimpleShowLayout>
        <TextField source="subject" />
        <FunctionField<SentEmailRecord> label="To" render={(email) => `${email.userName ?? ''} <${email.to}>`} />
        <FunctionField<SentEmailRecord> label="Status" render={(email) => `${emailStateLabel(email)}${email.sentAt ? `, ${new Date(email.sentAt).toLocaleString()}` : ''}`} />
        <FunctionField<SentEmailRecord>
          label="Last error"
          render={(email) => (email.lastError ? <Typography variant="body2" color="error">{email.lastError}</Typography> : '—')}
        />
        <FunctionField<SentEmailRecord>
          label="Text"
          render={(email) => (
            <Box component="pre" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontFamily: 'inherit', fontSize: 14, m: 0 }}>
              {email.body}
            </Box>
          )}
        />
      </SimpleShowLayout>
    </Show>
  );
}
