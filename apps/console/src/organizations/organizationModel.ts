/** An organization as the API lists it, the choices its forms offer and the bodies they send. */
import { ORGANIZATION_KINDS, type CreateOrganizationInput, type OrganizationKind } from '@pe/domain';
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
