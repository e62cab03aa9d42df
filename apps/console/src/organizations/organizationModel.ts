/** An organization as the API lists it, the choices its forms offer and the bodies they send. */
import { ORGANIZATION_KINDS, type CreateOrganizationInput, type MissionVersion, type OrganizationKind } from '@pe/domain';
import type { RaRecord } from 'react-admin';

export interface OrganizationRecord extends RaRecord<string> {
  name: string;
  kind: OrganizationKind;
  active: boolean;
  deactivatedAt: string | null;
  createdAt: string;
}

const KIND_LABELS: Record<OrganizationKind, string> = {
  company: 'Company',
  nonprofit: 'Nonprofit',
  'public body': 'Public body',
};

export const organizationKindChoices = ORGANIZATION_KINDS.map((kind) => ({ id: kind, name: KIND_LABELS[kind] }));

export function organizationKindLabel(kind: string): string {
  return KIND_LABELS[kind as OrganizationKind] ?? kind;
}

export interface OrganizationFormValues {
  name?: string;
  kind?: OrganizationKind;
}

/** The API takes only what the form edits (react-admin would send the whole record back). */
export function toOrganizationBody(values: OrganizationFormValues): CreateOrganizationInput {
  return { name: (values.name ?? '').trim(), kind: values.kind ?? 'company' };
}

/** "Version 2, recorded 3/12/2026, 10:04 by Ada Admin": who wrote a mission and when. */
export function missionByline(version: Pick<MissionVersion, 'version' | 'recordedAt' | 'recordedByName'>, formatInstant: (iso: string) => string = (iso) => new Date(iso).toLocaleString()): string {
  return `Version ${version.version}, recorded ${formatInstant(version.recordedAt)}${version.recordedByName ? ` by ${version.recordedByName}` : ''}`;
}
