import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import type { Theme } from '@mui/material/styles';
import { Datagrid, FunctionField, List, SearchInput, SelectInput, SimpleList, TextField, useListContext, useRecordContext } from 'react-admin';
import { EMAIL_STATUSES } from '@pe/domain';
import { EMAIL_STATUS_COLORS, emailStateLabel, emailStatusLabel, type SentEmailRecord } from './sentEmailModel';

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Subject or address" />,
  <SelectInput key="status" source="status" label="Status" choices={EMAIL_STATUSES.map((status) => ({ id: status, name: emailStatusLabel(status) }))} />,
  <SelectInput
    key="kind"
    source="kind"
    label="Kind"
    choices={[
      { id: 'notification', name: 'One notification' },
      { id: 'digest', name: 'Daily digest' },
    ]}
  />,
];

const POLL_MS = 5_000;

function StatusChip({ email }: { email: SentEmailRecord }) {
  return <Chip size="small" color={EMAIL_STATUS_COLORS[email.status]} label={emailStateLabel(email)} />;
}

function Empty() {
  const { filterValues } = useListContext();
  return (
    <Box sx={{ textAlign: 'center', m: 4 }}>
      <Typography variant="h6" component="p">
        {Object.keys(filterValues ?? {}).length > 0 ? 'No email matches these filters' : 'No email yet'}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        A person who chooses email in “My notifications” gets their reminders and escalations here, one at a time or in a daily digest.
      </Typography>
    </Box>
  );
}

/** The email itself, under its row. */
function EmailBody() {
  const email = useRecordContext<SentEmailRecord>();
  if (!email) return null;
  return (
    <Box sx={{ p: 1 }}>
      {email.lastError && (
        <Typography variant="body2" color="error" sx={{ mb: 1 }}>
          Last error: {email.lastError}
        </Typography>
      )}
      <Box component="pre" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontFamily: 'inherit', fontSize: 14, m: 0 }}>
        {email.body}
      </Box>
    </Box>
  );
}

/**
 * What the product emailed, will email, or holds for a digest: the outbox itself, so the screen is
 * the same in development (where npm start's capturing SMTP server receives it) and in production.
 * Admins only (see App).
 */
export function SentEmailList() {
  const small = useMediaQuery<Theme>((theme) => theme.breakpoints.down('md'));
  return (
    <List title="Sent email" perPage={25} filters={filters} sort={{ field: 'createdAt', order: 'DESC' }} exporter={false} empty={<Empty />} queryOptions={{ refetchInterval: POLL_MS }}>
      {small ? (
        <SimpleList<SentEmailRecord>
          primaryText={(email) => email.subject}
          secondaryText={(email) => (
            <>
              To {email.to} · {new Date(email.sentAt ?? email.createdAt).toLocaleString()}
            </>
          )}
          tertiaryText={(email) => <StatusChip email={email} />}
          linkType="show"
          empty={<Empty />}
        />
      ) : (
        <Datagrid bulkActionButtons={false} rowClick="expand" expand={<EmailBody />} empty={<Empty />}>
          <FunctionField<SentEmailRecord> label="Status" sortBy="status" render={(email) => <StatusChip email={email} />} />
          <TextField source="subject" />
          <FunctionField<SentEmailRecord> label="To" sortBy="to" render={(email) => `${email.userName ?? ''} <${email.to}>`} />
          <FunctionField<SentEmailRecord> label="Queued" sortBy="createdAt" render={(email) => new Date(email.createdAt).toLocaleString()} />
          <FunctionField<SentEmailRecord> label="Sent" sortBy="sentAt" render={(email) => (email.sentAt ? new Date(email.sentAt).toLocaleString() : '—')} />
          <TextField source="attempts" />
        </Datagrid>
      )}
    </List>
  );
}
