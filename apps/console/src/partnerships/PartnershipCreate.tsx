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
import { DurationInput } from './DurationInput';
import { TIMER_DURATION_UNITS } from './durationModel';
import { POLICY_FIELDS, policyFormDefaults, toCreatePartnershipBody, validateOrganizationIds, type PartnershipCreateValues } from './partnershipModel';

/** Reference lists are short (one organization per partner); fetch them in one page. */
const REFERENCE_PAGE = 200;

export function PartnershipCreate() {
  return (
    <Create redirect="show" transform={(values: PartnershipCreateValues) => toCreatePartnershipBody(values)}>
      <SimpleForm defaultValues={{ policy: policyFormDefaults() }}>
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
          Timers
        </Typography>
        {POLICY_FIELDS.map(({ field, label }) => (
          <DurationInput
            key={field}
            source={`policy.${field}`}
            label={label}
            units={TIMER_DURATION_UNITS}
            labelAbove
            helperText={`default ${durationInWords(DEFAULT_POLICY[field])}`}
          />
        ))}
      </SimpleForm>
    </Create>
  );
}
