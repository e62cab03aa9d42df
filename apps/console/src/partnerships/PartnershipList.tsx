import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  CreateButton,
  Datagrid,
  DateField,
  FunctionField,
  List,
  SearchInput,
  SelectInput,
  TextField,
  TopToolbar,
  useResourceDefinition,
} from 'react-admin';
import { PrioritiesStatusField } from './PrioritiesStatusField';
import { OnHoldChip } from './OnHoldChip';
import { StageChip } from './StageChip';
import { stageChoices, type PartnershipRecord } from './partnershipModel';

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Search by name" />,
  <SelectInput key="stage" source="stage" label="Stage" choices={stageChoices} />,
];

/** The create route only exists for roles that may create (see App), so its presence decides. */
function PartnershipListActions() {
  const { hasCreate } = useResourceDefinition();
  return <TopToolbar>{hasCreate && <CreateButton label="New partnership" />}</TopToolbar>;
}

function NoPartnerships() {
  const { hasCreate } = useResourceDefinition();
  return (
    <Box sx={{ textAlign: 'center', m: 4 }}>
      <Typography variant="h6" component="p" gutterBottom>
        No partnerships yet
      </Typography>
      <Typography variant="body2" color="text.secondary" gutterBottom>
        {hasCreate
          ? 'Start one: name it, choose its sponsor and the organizations taking part.'
          : 'Partnerships you take part in will appear here.'}
      </Typography>
      {hasCreate && <CreateButton variant="contained" label="New partnership" />}
    </Box>
  );
}

export function PartnershipList() {
  return (
    <List
      perPage={25}
      filters={filters}
      actions={<PartnershipListActions />}
      empty={<NoPartnerships />}
      sort={{ field: 'updatedAt', order: 'DESC' }}
    >
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="name" />
        <FunctionField<PartnershipRecord>
          label="Stage"
          sortBy="stage"
          render={() => (
            <Stack direction="row" spacing={0.5}>
              <StageChip />
              <OnHoldChip />
            </Stack>
          )}
        />
        <PrioritiesStatusField label="Priorities" />
        <DateField source="updatedAt" label="Updated" showTime />
      </Datagrid>
    </List>
  );
}
