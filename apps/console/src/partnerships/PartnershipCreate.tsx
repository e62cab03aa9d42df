import Typography from '@mui/material/Typography';
import { DEFAULT_POLICY, durationInWords } from '@pe/domain';
import {
  AutocompleteArrayInput,
  Create,
  ReferenceArrayInput,
  ReferenceInput,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
} from 'react-admin';
import {
  POLICY_FIELDS,
  toCreatePartnershipBody,
  validateIsoDuration,
  validateOrganizationIds,
  type PartnershipCreateValues,
} from './partnershipModel';

/** Reference lists are short (one organization per partner); fetch them in one page. */
const REFERENCE_PAGE = 200;

export function PartnershipCreate() {
  return (
    <Create redirect="show" transform={(values: PartnershipCreateValues) => toCreatePartnershipBody(values)}>
      <SimpleForm defaultValues={{ policy: DEFAULT_POLICY }}>
        <TextInput source="name" label="Name" validate={required()} fullWidth />
        <TextInput source="description" label="Description" multiline minRows={2} fullWidth />
        <ReferenceInput source="sponsorId" reference="users" filter={{ role: 'sponsor', active: true }} perPage={REFERENCE_PAGE}>
          <SelectInput label="Sponsor" optionText="name" validate={required()} />
        </ReferenceInput>
        <ReferenceArrayInput
          source="organizationIds"
          reference="organizations"
          filter={{ active: true }}
          perPage={REFERENCE_PAGE}
          sort={{ field: 'name', order: 'ASC' }}
        >
          <AutocompleteArrayInput label="Organizations" optionText="name" validate={validateOrganizationIds} />
        </ReferenceArrayInput>
        <Typography variant="subtitle2" component="h2" sx={{ mt: 2 }}>
          Timers (ISO-8601 durations)
        </Typography>
        {POLICY_FIELDS.map(({ field, label }) => (
          <TextInput
            key={field}
            source={`policy.${field}`}
            label={label}
            validate={validateIsoDuration}
            helperText={`Default ${DEFAULT_POLICY[field]} (${durationInWords(DEFAULT_POLICY[field])})`}
          />
        ))}
      </SimpleForm>
    </Create>
  );
}
