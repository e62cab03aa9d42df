/** The demo directory `npm start` seeds: three organizations and a user for every role. */
import type { NewOrganization, UserRecord } from '@pe/persistence';

export const DEMO_PASSWORD = 'demo-password';

export const DEMO_ORGANIZATIONS: NewOrganization[] = [
  { id: '0b7c3c1e-4a7a-4d7e-9a51-000000000001', name: 'Riverside Health Trust', kind: 'public body' },
  { id: '0b7c3c1e-4a7a-4d7e-9a51-000000000002', name: 'Northwind Foundation', kind: 'nonprofit' },
  { id: '0b7c3c1e-4a7a-4d7e-9a51-000000000003', name: 'Eastvale Logistics', kind: 'company' },
];

const [riverside, northwind, eastvale] = DEMO_ORGANIZATIONS.map((org) => org.id);

export const DEMO_USERS: UserRecord[] = [
  { id: '5e1d9f0a-7c55-4b8e-8d3f-000000000001', email: 'admin@demo.test', name: 'Ada Admin', role: 'admin', organizationId: null },
  { id: '5e1d9f0a-7c55-4b8e-8d3f-000000000002', email: 'coordinator@demo.test', name: 'Cora Coordinator', role: 'coordinator', organizationId: riverside ?? null },
  { id: '5e1d9f0a-7c55-4b8e-8d3f-000000000003', email: 'partner.riverside@demo.test', name: 'Priya Partner', role: 'partner', organizationId: riverside ?? null },
  { id: '5e1d9f0a-7c55-4b8e-8d3f-000000000004', email: 'partner.northwind@demo.test', name: 'Noah Partner', role: 'partner', organizationId: northwind ?? null },
  { id: '5e1d9f0a-7c55-4b8e-8d3f-000000000005', email: 'sponsor@demo.test', name: 'Sam Sponsor', role: 'sponsor', organizationId: eastvale ?? null },
  { id: '5e1d9f0a-7c55-4b8e-8d3f-000000000006', email: 'auditor@demo.test', name: 'Aude Auditor', role: 'auditor', organizationId: null },
];
