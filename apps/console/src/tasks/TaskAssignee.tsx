import { ReferenceField, TextField, useRecordContext } from 'react-admin';
import type { TaskRecord } from './taskModel';

/** Whom the task waits for: a person, or an organization's representatives (names fetched in one batch per list). */
export function TaskAssignee(_props: { label?: string }) {
  const task = useRecordContext<TaskRecord>();
  if (!task) return null;
  const organization = task.assigneeOrganizationId !== null;
  return (
    <ReferenceField
      source={organization ? 'assigneeOrganizationId' : 'assigneeUserId'}
      reference={organization ? 'organizations' : 'users'}
      link={false}
      emptyText="—"
    >
      <TextField source="name" />
    </ReferenceField>
  );
}
