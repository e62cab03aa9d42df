import Divider from '@mui/material/Divider';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  ChipField,
  DateField,
  FunctionField,
  NumberField,
  ReferenceArrayField,
  ReferenceField,
  Show,
  SimpleShowLayout,
  SingleFieldList,
  TextField,
} from 'react-admin';
import { lazy, Suspense } from 'react';
import { OnHoldChip } from './OnHoldChip';
import { PrioritiesSection } from './PrioritiesSection';
import { PrioritiesStatusField } from './PrioritiesStatusField';
import { StageChip } from './StageChip';
import { TimelineSection } from './TimelineSection';
import { describePolicy, managementModelLabel, type PartnershipRecord } from './partnershipModel';

/** The chart library is large: it loads with the first partnership page, not with the console. */
const MeasuresCharts = lazy(() => import('./MeasuresCharts').then((module) => ({ default: module.MeasuresCharts })));

export function PartnershipShow() {
  return (
    <Show>
      <Stack spacing={3} sx={{ p: 2 }} divider={<Divider flexItem />}>
        <PartnershipSummary />
        <PrioritiesSection />
        {/* Its own section until the stage tabs land; it belongs in the Measurement tab. */}
        <Suspense fallback={null}>
          <MeasuresCharts />
        </Suspense>
        <TimelineSection />
      </Stack>
    </Show>
  );
}

function PartnershipSummary() {
  return (
    <Stack component="section" aria-labelledby="summary-heading">
      <Typography variant="h6" component="h2" id="summary-heading">
        Summary
      </Typography>
      <SimpleShowLayout sx={{ px: 0 }}>
        <TextField source="name" />
        <TextField source="description" emptyText="—" />
        <StageChip label="Stage" />
        <FunctionField<PartnershipRecord> label="On hold" render={(record) => (record.onHold ? <OnHoldChip /> : 'No')} />
        <FunctionField<PartnershipRecord>
          label="Generation"
          render={(record) => (record.generation == null ? '—' : String(record.generation))}
        />
        <FunctionField<PartnershipRecord>
          label="Review cycle"
          render={(record) => (record.cycle ? `Cycle ${record.cycle}` : 'No review cycle opened yet')}
        />
        <FunctionField<PartnershipRecord>
          label="Management model"
          render={(record) => managementModelLabel(record.managementModel)}
        />
        <PrioritiesStatusField label="Priorities" />
        {/* People and organizations have no pages of their own in the console: no links. */}
        <ReferenceField source="coordinatorId" reference="users" label="Coordinator" link={false} />
        <ReferenceField source="sponsorId" reference="users" label="Sponsor" link={false} />
        <ReferenceArrayField source="organizationIds" reference="organizations" label="Organizations">
          <SingleFieldList linkType={false}>
            <ChipField source="name" size="small" />
          </SingleFieldList>
        </ReferenceArrayField>
        <FunctionField<PartnershipRecord>
          label="Timers"
          render={({ policy }) => describePolicy(policy)}
        />
        <NumberField source="version" />
        <DateField source="createdAt" label="Created" showTime />
        <DateField source="updatedAt" label="Updated" showTime />
      </SimpleShowLayout>
    </Stack>
  );
}
