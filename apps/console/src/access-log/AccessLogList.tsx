import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import type { Theme } from '@mui/material/styles';
import { AutocompleteInput, Datagrid, DateTimeInput, FunctionField, Link, List, ReferenceInput, SelectInput, SimpleList, TextField, TextInput, useListContext } from 'react-admin';
import { instantOfInput } from '../localTime';
import { accessLabel, actionChoices, actorLabel, type AccessLogRecord } from './accessLogModel';

/** The inputs show local time; the filter sends the instant it means. */
const toInstant = (value: unknown) => instantOfInput(value) ?? '';

const filters = [
  <SelectInput key="action" source="action" label="What" choices={actionChoices} emptyText="Anything" alwaysOn />,
  <ReferenceInput key="actorId" source="actorId" reference="users" alwaysOn>
    <AutocompleteInput label="Who" optionText="name" sx={{ minWidth: 200 }} />
  </ReferenceInput>,
  <TextInput key="email" source="email" label="Email tried" type="email" helperText={false} sx={{ minWidth: 260 }} alwaysOn />,
  <ReferenceInput key="partnershipId" source="partnershipId" reference="partnerships">
    <AutocompleteInput label="Partnership" optionText="name" sx={{ minWidth: 220 }} />
  </ReferenceInput>,
  <DateTimeInput key="since" source="since" label="From" parse={toInstant} />,
  <DateTimeInput key="until" source="until" label="Until" parse={toInstant} />,
];

/** An empty page: nothing recorded yet, or nothing that fits the filters chosen. */
function NoAccess() {
  const { filterValues } = useListContext();
  const filtered = Object.keys(filterValues ?? {}).length > 0;
  return (
    <Box sx={{ textAlign: 'center', m: 4 }}>
      <Typography variant="h6" component="p">
        {filtered ? 'No access matches these filters' : 'Nobody has signed in, exported or verified a record yet'}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        Each sign-in, successful or not (with the email tried), each export of a partnership’s history (dossier, JSON, CSV) and each verification appears here: who, when, what and from where.
      </Typography>
    </Box>
  );
}

const when = (row: AccessLogRecord) => new Date(row.at).toLocaleString();
const partnership = (row: AccessLogRecord) =>
  row.partnershipId ? <Link to={`/partnerships/${row.partnershipId}/show`}>{row.partnershipName ?? row.partnershipId}</Link> : '—';

/**
 * Who signed in (or tried to) and who read the audit trail (exported or verified a partnership's
 * history), when and how: the admin's screen of the access log, newest first. The log is kept apart
 * from the partnerships' own.
 */
export function AccessLogList() {
  const small = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  return (
    <List title="Access log" perPage={25} filters={filters} sort={{ field: 'at', order: 'DESC' }} exporter={false} empty={<NoAccess />}>
      {small ? (
        <SimpleList<AccessLogRecord>
          primaryText={(row) => `${actorLabel(row)}: ${accessLabel(row)}`}
          secondaryText={(row) => (
            <>
              {when(row)}
              {row.partnershipId && (
                <>
                  <br />
                  {partnership(row)}
                </>
              )}
            </>
          )}
          tertiaryText={(row) => row.ip ?? ''}
          linkType={false}
          empty={<NoAccess />}
        />
      ) : (
        <Datagrid bulkActionButtons={false} rowClick={false} empty={<NoAccess />}>
          <FunctionField<AccessLogRecord> label="When" sortBy="at" render={when} />
          <FunctionField<AccessLogRecord> label="Who" sortBy="actorName" render={actorLabel} />
          <FunctionField<AccessLogRecord> label="What" sortBy="action" render={accessLabel} />
          <FunctionField<AccessLogRecord> label="Partnership" sortBy="partnershipName" render={partnership} />
          <TextField source="ip" label="Address" emptyText="—" />
        </Datagrid>
      )}
    </List>
  );
}
