import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import type { Query } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import {
  ChipField,
  DateField,
  FunctionField,
  HttpError,
  NumberField,
  ReferenceArrayField,
  ReferenceField,
  Show,
  SimpleShowLayout,
  SingleFieldList,
  TextField,
  useGetOne,
  useRecordContext,
  useRedirect,
  useShowContext,
} from 'react-admin';
import { useNotifyError } from '../notifyError';
import { AgreementSection } from './AgreementSection';
import { ListeningSection } from './ListeningSection';
import { MeasurementSection } from './MeasurementSection';
import { OnHoldChip } from './OnHoldChip';
import { CheckInsSection } from './CheckInsSection';
import { ConflictsSection } from './ConflictsSection';
import { OperationsSection } from './OperationsSection';
import { PartnershipPageProvider, usePartnershipPage, type Replay } from './PartnershipPageContext';
import { PrioritiesSection } from './PrioritiesSection';
import { ProofSection } from './ProofSection';
import { PrioritiesStatusField } from './PrioritiesStatusField';
import { ReplayBanner } from './ReplayBanner';
import { ReplayStep } from './ReplayStep';
import { RolesSection } from './RolesSection';
import { StageChip } from './StageChip';
import { TerminationSection } from './TerminationSection';
import { TimelineSection } from './TimelineSection';
import { UnsavedChangesGuard } from './UnsavedChanges';
import { describePolicy, managementModelLabel, type PartnershipRecord } from './partnershipModel';
import { replayInstant } from './replayModel';
import { defaultTab, PAGE_TABS, type PageTab } from './stageTabs';
import { useReplayPoint, type GoToPoint } from './usePageAddress';
import { waitingFor } from './waitingModel';

/** Whether a query is react-admin's getOne of a replayed record (its key is `[resource, 'getOne', {id, meta}]`). */
const isReplayQuery = (query: Pick<Query, 'queryKey'> | undefined) => typeof (query?.queryKey[2] as { meta?: { at?: unknown } } | undefined)?.meta?.at === 'string';

/**
 * One partnership's page, live or replayed: with a replay point in the address, the record is the
 * API's record as of that point, shown on the same tabs, read-only. While the next point loads, the
 * last replayed one stays on screen, so stepping does not blank the page or lose the chosen tab; the
 * live record never stands in for a replayed one.
 */
export function PartnershipShow() {
  const { point, goTo } = useReplayPoint();
  const notifyError = useNotifyError();
  const redirect = useRedirect();
  const replayed = {
    meta: { at: point },
    placeholderData: <T,>(previous: T | undefined, previousQuery?: Query<T, Error, T, readonly unknown[]>) => (isReplayQuery(previousQuery) ? previous : undefined),
    // A point the log does not hold (a mistyped address): say why and show the live page instead.
    onError: (error: Error) => {
      notifyError(error);
      if (error instanceof HttpError && error.status === 400) goTo(null, { replace: true });
      else redirect('list', 'partnerships');
    },
  };
  return (
    // The card must not clip: the replay banner sticks to the top of the screen, not of the card.
    <Show queryOptions={point === null ? undefined : replayed} sx={{ '& .RaShow-card': { overflow: 'visible' } }}>
      <PartnershipPage replayPoint={point} goTo={goTo} />
    </Show>
  );
}

/** `active`: the tab is the one shown (a panel whose content is costly to compute waits for it). */
const PANELS: Record<PageTab, (props: { active: boolean }) => React.JSX.Element> = {
  summary: PartnershipSummary,
  priorities: PrioritiesSection,
  listening: ListeningSection,
  roles: RolesSection,
  agreement: AgreementSection,
  measurement: MeasurementSection,
  termination: TerminationSection,
  operations: OperationsSection,
  conflicts: ConflictsSection,
  checkins: CheckInsSection,
  timeline: TimelineSection,
  proof: ProofSection,
};

function PartnershipPage({ replayPoint, goTo }: { replayPoint: string | null; goTo: GoToPoint }) {
  const record = useRecordContext<PartnershipRecord>();
  // Until the point asked for arrives, the page still shows the last one: it says so, and dims.
  const { isPlaceholderData = false } = useShowContext<PartnershipRecord>();
  const updatedAt = record?.updatedAt;
  const replay = useMemo<Replay | null>(
    () => (replayPoint === null || updatedAt === undefined ? null : { point: replayPoint, instant: replayInstant(replayPoint, { updatedAt }) }),
    [replayPoint, updatedAt],
  );
  if (!record) return null;
  return (
    <PartnershipPageProvider record={record} replay={replay}>
      <UnsavedChangesGuard>
        <Stack spacing={2} sx={{ p: { xs: 1, sm: 2 } }}>
          {replay && (
            <LiveReplayBanner partnershipId={record.id} position={record.version} instant={replay.instant} loading={isPlaceholderData ? replay.point : null} goTo={goTo} />
          )}
          <PageHeader />
          {replay ? (
            // Beside the state on a wide screen, above it on a phone: the event that made it.
            <Box
              aria-busy={isPlaceholderData}
              sx={{ display: 'grid', gap: 2, alignItems: 'start', gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 1fr) 360px' }, opacity: isPlaceholderData ? 0.5 : 1 }}
            >
              <Box sx={{ order: { xs: 0, lg: 1 } }}>
                <ReplayStep position={record.version} />
              </Box>
              <Box sx={{ order: { xs: 1, lg: 0 }, minWidth: 0 }}>
                <StageTabs stageTab={defaultTab(record)} />
              </Box>
            </Box>
          ) : (
            <StageTabs stageTab={defaultTab(record)} />
          )}
        </Stack>
      </UnsavedChangesGuard>
    </PartnershipPageProvider>
  );
}

/** The banner counts the replayed event against the live log's newest. */
function LiveReplayBanner({ partnershipId, ...banner }: { partnershipId: string; position: number; instant: string; loading: string | null; goTo: (point: number | null) => void }) {
  const { data: live } = useGetOne<PartnershipRecord>('partnerships', { id: partnershipId });
  return <ReplayBanner {...banner} newest={Math.max(live?.version ?? 0, banner.position)} />;
}

/** The name, the stage, and what the partnership waits for now, above every tab. */
function PageHeader() {
  const { record, names, now } = usePartnershipPage();
  return (
    <Stack spacing={1}>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1" sx={{ overflowWrap: 'anywhere' }}>
          {record.name}
        </Typography>
        <StageChip />
        <OnHoldChip />
      </Stack>
      <Box role="status" aria-label="Waiting for">
        {waitingFor(record, names, now).map((line) => (
          <Alert key={line} severity={record.hold ? 'warning' : 'info'} icon={false} sx={{ py: 0 }}>
            {line}
          </Alert>
        ))}
      </Box>
    </Stack>
  );
}

/**
 * Scrollable tabs fit a phone; every panel stays mounted (hidden when not chosen) so a half-filled
 * form survives a look at another tab. When the partnership moves on (a stage, a sign-off), the
 * page follows it to the tab of its new stage.
 */
function StageTabs({ stageTab }: { stageTab: PageTab }) {
  const [chosen, setChosen] = useState<{ tab: PageTab; followed: PageTab }>({ tab: stageTab, followed: stageTab });
  if (chosen.followed !== stageTab) setChosen({ tab: stageTab, followed: stageTab });
  const tab = chosen.followed === stageTab ? chosen.tab : stageTab;
  const setTab = (next: PageTab) => setChosen({ tab: next, followed: stageTab });
  return (
    <Box>
      {/* The tab strip scrolls itself; inline-size containment keeps its full width from widening the page on a phone. */}
      <Box sx={{ contain: 'inline-size' }}>
        <Tabs value={tab} onChange={(_, next: PageTab) => setTab(next)} variant="scrollable" scrollButtons="auto" allowScrollButtonsMobile aria-label="Stages of the partnership">
          {PAGE_TABS.map((one) => (
            <Tab key={one.id} value={one.id} label={one.label} id={`tab-${one.id}`} aria-controls={`panel-${one.id}`} />
          ))}
        </Tabs>
      </Box>
      {PAGE_TABS.map((one) => {
        const Panel = PANELS[one.id];
        return (
          <Box key={one.id} role="tabpanel" id={`panel-${one.id}`} aria-labelledby={`tab-${one.id}`} hidden={tab !== one.id} sx={{ pt: 2 }}>
            <Panel active={tab === one.id} />
          </Box>
        );
      })}
    </Box>
  );
}

function PartnershipSummary() {
  return (
    <SimpleShowLayout sx={{ px: 0 }}>
      <TextField source="name" />
      <TextField source="description" emptyText="—" />
      <StageChip label="Stage" />
      <FunctionField<PartnershipRecord> label="On hold" render={(record) => (record.onHold ? <OnHoldChip /> : 'No')} />
      <FunctionField<PartnershipRecord> label="Generation" render={(record) => (record.generation == null ? '—' : String(record.generation))} />
      <FunctionField<PartnershipRecord> label="Review cycle" render={(record) => (record.cycle ? `Cycle ${record.cycle}` : 'No review cycle opened yet')} />
      <FunctionField<PartnershipRecord> label="Management model" render={(record) => managementModelLabel(record.managementModel)} />
      <PrioritiesStatusField label="Priorities" />
      {/* People and organizations have no pages of their own in the console: no links. */}
      <ReferenceField source="coordinatorId" reference="users" label="Coordinator" link={false} />
      <ReferenceField source="sponsorId" reference="users" label="Sponsor" link={false} />
      <ReferenceArrayField source="organizationIds" reference="organizations" label="Organizations">
        <SingleFieldList linkType={false}>
          <ChipField source="name" size="small" />
        </SingleFieldList>
      </ReferenceArrayField>
      <FunctionField<PartnershipRecord> label="Timers" render={({ policy }) => describePolicy(policy)} />
      <NumberField source="version" />
      <DateField source="createdAt" label="Created" showTime />
      <DateField source="updatedAt" label="Updated" showTime />
    </SimpleShowLayout>
  );
}
