import { useEffect, useState } from 'react';
import { AutocompleteInput, required, SelectInput, SimpleForm, TextInput, type SimpleFormProps } from 'react-admin';
import { useConsoleDataProvider } from '../useConsoleDataProvider';
import { organizationKindChoices } from './organizationModel';

/** The countries the API computes public holidays for; empty until they load. */
function useCountries(): { id: string; name: string }[] {
  const dataProvider = useConsoleDataProvider();
  const [countries, setCountries] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => {
    let cancelled = false;
    dataProvider.countries().then(
      (list) => !cancelled && setCountries(list),
      () => !cancelled && setCountries([]),
    );
    return () => {
      cancelled = true;
    };
  }, [dataProvider]);
  return countries;
}

/** The fields an admin sets on an organization, shared by create and edit. */
export function OrganizationForm(props: Omit<SimpleFormProps, 'children'>) {
  const countries = useCountries();
  return (
    <SimpleForm {...props}>
      <TextInput source="name" label="Name" validate={required()} fullWidth />
      <SelectInput source="kind" label="Kind" choices={organizationKindChoices} validate={required()} />
      <AutocompleteInput
        source="country"
        label="Country"
        choices={countries.map((country) => ({ id: country.id, name: `${country.name} (${country.id})` }))}
        helperText="Its public holidays are skipped by the due dates and escalations of its tasks; none: weekends only"
        parse={(value: string | null) => value || null}
        sx={{ minWidth: 280 }}
      />
    </SimpleForm>
  );
}
