/** An organization as the API lists it, the choices its forms offer and the bodies they send. */
import { ORGANIZATION_KINDS, type CreateOrganizationInput, type MissionVersion, type OrganizationKind } from '@pe/domain';
import type { RaRecord } from 'react-admin';

export interface OrganizationRecord extends RaRecord<string> {
  name: string;
  kind: OrganizationKind;
  /** ISO 3166-1 alpha-2, whose public holidays its tasks' deadlines skip; null: weekends only. */
  country: string | null;
  /** The mission in force and its version (null while none is recorded). */
  mission: string | null;
  missionVersion: number | null;
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
  country?: string | null;
}

/** The API takes only what the form edits (react-admin would send the whole record back); no country is null. */
export function toOrganizationBody(values: OrganizationFormValues): CreateOrganizationInput {
  return { name: (values.name ?? '').trim(), kind: values.kind ?? 'company', country: values.country ? values.country : null };
}

/** "Version 2, recorded 3/12/2026, 10:04 by Ada Admin": who wrote a mission and when. */
export function missionByline(version: Pick<MissionVersion, 'version' | 'recordedAt' | 'recordedByName'>, formatInstant: (iso: string) => string = (iso) => new Date(iso).toLocaleString()): string {
  return `Version ${version.version}, recorded ${formatInstant(version.recordedAt)}${version.recordedByName ? ` by ${version.recordedByName}` : ''}`;
}
