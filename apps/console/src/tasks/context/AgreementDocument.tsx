import { planSentence } from '../../partnerships/checkInModel';
import PrintIcon from '@mui/icons-material/Print';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { decisionRuleOf, type Agreement, type SignoffView } from '@pe/domain';
import { useRef } from 'react';
import { managementModelLabel } from '../../partnerships/partnershipModel';
import { DECISION_RULE_SENTENCES, RESPONSIBILITY_LABELS, TERMINATION_OPTION_LABELS } from '../../methodLabels';
import { useNames } from '../useNames';
import { rolesByGoal } from './agreementModel';
import { escalationsLine, termSentence } from '../../partnerships/agreementModel';
import { GoalList } from './GoalList';
import { RoundStatus } from './RoundStatus';
import { Empty, Section } from './Section';

/**
 * The partnering agreement as a document a signatory reads before signing: every section it
 * was assembled from, the signatures so far, and a printable copy.
 */
export function AgreementDocument({ agreement, round }: { agreement: Agreement; round: SignoffView | null }) {
  const { content } = agreement;
  const documentRef = useRef<HTMLDivElement>(null);
  const organizationName = useNames('organizations', content.organizationIds);
  const signers = Object.values(agreement.signatures).map((signature) => signature.userId);
  const userName = useNames('users', [...signers, ...Object.values(content.governance.pointsOfContact), ...(content.governance.escalationSteps ?? [])]);

  return (
    <Stack spacing={1}>
      <Stack direction="row" justifyContent="space-between" alignItems="center" flexWrap="wrap" useFlexGap spacing={1}>
        <Typography variant="h6" component="h2">
          Partnering agreement, version {agreement.version}
        </Typography>
        <Button size="small" startIcon={<PrintIcon />} onClick={() => printDocument(documentRef.current, `Partnering agreement v${agreement.version}`)}>
          Print
        </Button>
      </Stack>
      <div ref={documentRef}>
        <Typography variant="body2" color="text.secondary">
          Issued {new Date(agreement.issuedAt).toLocaleString()}
          {agreement.adopted ? ' · in force' : ' · awaiting signatures'}
        </Typography>
        <Section title="Parties">
          <Typography variant="body2">{content.organizationIds.map(organizationName).join(', ')}</Typography>
        </Section>
        <Section title="Goals">
          <GoalList goals={content.goals} />
        </Section>
        <Section title="Scope">
          <Typography variant="body2">{content.scope || '—'}</Typography>
        </Section>
        <Section title="Roles and responsibilities">
          {rolesByGoal(content).map(({ goal, roles }) => (
            <Typography key={goal.rank} variant="body2">
              <strong>
                {goal.rank}. {goal.title}:
              </strong>{' '}
              {roles.length > 0 ? roles.map((role) => `${organizationName(role.organizationId)} (${RESPONSIBILITY_LABELS[role.responsibility].toLowerCase()})`).join(', ') : 'no roles'}
            </Typography>
          ))}
        </Section>
        <Section title="Committed resources">
          {content.resources.length === 0 ? (
            <Empty>None committed.</Empty>
          ) : (
            content.resources.map((resource, index) => (
              <Typography key={index} variant="body2">
                {organizationName(resource.organizationId)}: {resource.description}
                {resource.amount !== null ? ` — ${resource.amount}${resource.unit ? ` ${resource.unit}` : ''}` : ''}
              </Typography>
            ))
          )}
        </Section>
        <Section title="Management model">
          <Typography variant="body2">
            {managementModelLabel(content.managementModel)}. {DECISION_RULE_SENTENCES[decisionRuleOf(content.managementModel)]}
          </Typography>
        </Section>
        <Section title="Governance">
          <Typography variant="body2">Decision rule: {content.governance.decisionRule}</Typography>
          <Typography variant="body2">Escalation path: {content.governance.escalationPath}</Typography>
          <Typography variant="body2">{escalationsLine(content.governance.escalationSteps?.map((userId) => userName(userId)))}</Typography>
          <Typography variant="body2">Communication: {planSentence(content.governance.communicationPlan, organizationName)}</Typography>
          {Object.entries(content.governance.pointsOfContact).map(([organizationId, userId]) => (
            <Typography key={organizationId} variant="body2">
              Point of contact for {organizationName(organizationId)}: {userName(userId)}
            </Typography>
          ))}
        </Section>
        <Section title="Conflict resolution">
          <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
            {content.conflictProcess || '—'}
          </Typography>
        </Section>
        <Section title="KPIs">
          {content.kpis.length === 0 ? (
            <Empty>No KPIs defined.</Empty>
          ) : (
            content.kpis.map((kpi) => (
              <Typography key={kpi.id} variant="body2">
                <strong>{kpi.name}</strong> ({organizationName(kpi.ownerOrganizationId)}): {kpi.baseline} → {kpi.target} {kpi.unit},{' '}
                {kpi.direction === 'increase' ? 'higher is better' : 'lower is better'}, measured every {kpi.cadence}
                {kpi.goalRank !== null ? `, for goal ${kpi.goalRank}` : ''}
              </Typography>
            ))
          )}
        </Section>
        <Section title="Termination">
          <Typography variant="body2">
            Options: {content.terminationOptions.map((option) => TERMINATION_OPTION_LABELS[option]).join(', ') || '—'}; notice period {content.noticePeriod}.
          </Typography>
          <Typography variant="body2">Term: {termSentence(content.term)}</Typography>
        </Section>
        <Section title="Signatures">
          {Object.keys(agreement.signatures).length === 0 ? (
            <Empty>Nobody has signed this version yet.</Empty>
          ) : (
            Object.entries(agreement.signatures).map(([organizationId, signature]) => (
              <Typography key={organizationId} variant="body2">
                {organizationName(organizationId)}: signed by {userName(signature.userId)} on {new Date(signature.at).toLocaleString()}
              </Typography>
            ))
          )}
        </Section>
      </div>
      <Section title="Sign-off so far">
        <RoundStatus round={round} />
      </Section>
    </Stack>
  );
}

/** A copy of the document alone in a new window, so printing leaves the console's chrome out. */
function printDocument(node: HTMLElement | null, title: string): void {
  if (!node) return;
  const printable = window.open('', '_blank');
  if (!printable) return;
  const page = printable.document;
  page.title = title;
  const heading = page.createElement('h1');
  heading.textContent = title;
  page.body.append(heading, node.cloneNode(true));
  page.body.style.fontFamily = 'sans-serif';
  printable.focus();
  printable.print();
}
