import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { escalationsLine, NOT_RECORDED, type AgreementDocument } from './agreementModel';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box component="section" sx={{ mb: 2, breakInside: 'avoid' }}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

const Line = ({ children }: { children: ReactNode }) => (
  <Typography variant="body2" component="p" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
    {children}
  </Typography>
);

/** The agreement's sections in reading order: what partners sign is what they read here. */
export function AgreementDocumentView({ doc }: { doc: AgreementDocument }) {
  return (
    <>
      <Section title="1. Partners">
        {doc.partners.map((partner) => (
          <Line key={partner.name}>
            {partner.name}
            {partner.contact ? `, represented by ${partner.contact}` : ''}
          </Line>
        ))}
      </Section>
      <Section title="2. Goals and scope">
        {doc.goals.length === 0 && <Line>{NOT_RECORDED}</Line>}
        {doc.goals.map((goal) => (
          <Line key={goal.rank}>
            {goal.rank}. {goal.title} — {goal.measure}, by {goal.due}
          </Line>
        ))}
        <Line>Scope: {doc.scope || NOT_RECORDED}</Line>
      </Section>
      <Section title="3. Roles and responsibilities">
        {doc.roles.map((role) => (
          <Line key={role.goal}>
            {role.goal}: {role.byResponsibility.length > 0 ? role.byResponsibility.map((entry) => `${entry.label.toLowerCase()}: ${entry.organizations}`).join('; ') : NOT_RECORDED}
          </Line>
        ))}
      </Section>
      <Section title="4. Committed resources">
        {doc.resources.length === 0 && <Line>{NOT_RECORDED}</Line>}
        {doc.resources.map((resource, index) => (
          <Line key={index}>
            {resource.organization}: {resource.description} ({resource.amount})
          </Line>
        ))}
      </Section>
      <Section title="5. Management model">
        <Line>{doc.managementModel ? `${doc.managementModel.name}. ${doc.managementModel.rule}` : NOT_RECORDED}</Line>
      </Section>
      <Section title="6. Governance">
        {doc.governance ? (
          <>
            {doc.governance.contacts.map((contact) => (
              <Line key={contact.organization}>
                Point of contact for {contact.organization}: {contact.contact}
              </Line>
            ))}
            <Line>Decision rule: {doc.governance.decisionRule}</Line>
            <Line>Escalation path: {doc.governance.escalationPath}</Line>
            <Line>{escalationsLine(doc.governance.escalationSteps)}</Line>
            <Line>Communication: {doc.governance.communication}</Line>
          </>
        ) : (
          <Line>{NOT_RECORDED}</Line>
        )}
      </Section>
      <Section title="7. Conflict process">
        <Line>{doc.conflictProcess || NOT_RECORDED}</Line>
      </Section>
      <Section title="8. Termination options">
        <Line>{doc.terminationOptions.length > 0 ? doc.terminationOptions.join('; ') : NOT_RECORDED}</Line>
      </Section>
      <Section title="9. Notice period">
        <Line>{doc.noticePeriod}</Line>
        <Line>Term: {doc.term}</Line>
      </Section>
      <Section title="10. KPIs">
        {doc.kpis.length === 0 && <Line>{NOT_RECORDED}</Line>}
        {doc.kpis.map((kpi) => (
          <Line key={kpi.name}>
            {kpi.name}
            {kpi.goal ? ` (goal ${kpi.goal})` : ''}: {kpi.change}, reported by {kpi.owner} {kpi.cadence}
          </Line>
        ))}
      </Section>
    </>
  );
}
