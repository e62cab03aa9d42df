import PrintIcon from '@mui/icons-material/Print';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import GlobalStyles from '@mui/material/GlobalStyles';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { AgreementVersion } from '@pe/domain';
import { useState } from 'react';
import { agreementDocument, draftAgreement, signatureRows, signingRuleLabel, VERSION_STATUS_LABELS, versionLabel } from './agreementModel';
import { AgreementDocumentView } from './AgreementDocumentView';
import { usePartnershipPage } from './PartnershipPageContext';
import { SectionHeading } from './SectionHeading';
import { SignoffProgress } from './SignoffProgress';
import { useAgreementHistory } from './useAgreementHistory';
import { waitingOnTasks } from './waitingModel';

const DOCUMENT_ID = 'agreement-document';

/** Printing from this page prints the agreement alone, not the console around it. */
const printOnlyTheDocument = (
  <GlobalStyles
    styles={{
      '@media print': {
        'body *': { visibility: 'hidden' },
        [`#${DOCUMENT_ID}, #${DOCUMENT_ID} *`]: { visibility: 'visible' },
        [`#${DOCUMENT_ID}`]: { position: 'absolute', left: 0, top: 0, width: '100%', border: 'none' },
        [`#${DOCUMENT_ID} .no-print`]: { display: 'none' },
      },
    }}
  />
);

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

/** The partnering agreement as a document: any version, its signatures, and a print button. */
export function AgreementSection() {
  const { record, names, now, replay } = usePartnershipPage();
  const history = useAgreementHistory(record.id, record.version, replay?.point);
  const versions = history.status === 'ready' ? history.versions : [];
  const [chosen, setChosen] = useState<number | null>(null);
  const shown: AgreementVersion | undefined = chosen === null ? versions.at(-1) : versions[chosen];
  const doc = agreementDocument(shown ? shown.content : draftAgreement(record), names);
  const signing = waitingOnTasks({ ...record, openTasks: (record.openTasks ?? []).filter((task) => task.kind === 'SIGN_AGREEMENT') }, names, now);

  return (
    <Stack spacing={2}>
      {printOnlyTheDocument}
      <Stack spacing={0.5}>
        {signing.map((line) => (
          <Alert key={line} severity="info">
            {line}
          </Alert>
        ))}
        {signing.length === 0 && (
          <Alert severity={record.agreement?.adopted ? 'success' : 'info'} variant="outlined">
            {record.agreement
              ? record.agreement.adopted
                ? `Version ${record.agreement.version} is in force.`
                : `Version ${record.agreement.version} is not in force.`
              : 'No version issued yet: the coordinator issues the agreement from Role identification once everything is recorded. The draft below shows what it would say today.'}
          </Alert>
        )}
        {record.draft && !record.signoff && (
          <Alert severity="warning" variant="outlined">
            KPI and role changes since version {record.draft.sinceVersion} are drafted but not issued: version {record.agreedVersion ?? record.draft.sinceVersion} stays in force until the partners sign a new version (the Roles tab lists the changes).
          </Alert>
        )}
      </Stack>
      <SignoffProgress subject="AGREEMENT" />
      {history.status === 'failed' && <Alert severity="error">The version history could not be loaded: {history.message}</Alert>}
      {versions.length > 1 && (
        <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1 }} role="group" aria-label="Versions">
          {versions.map((version, index) => (
            <Chip
              key={`${version.generation}-${version.version}`}
              label={`${versionLabel(version)}: ${VERSION_STATUS_LABELS[version.status]}`}
              color={shown === version ? 'primary' : 'default'}
              onClick={() => setChosen(index)}
            />
          ))}
        </Stack>
      )}

      <Paper id={DOCUMENT_ID} variant="outlined" component="article" aria-labelledby="agreement-title" sx={{ p: { xs: 1.5, sm: 3 } }}>
        <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'flex-start', gap: 1, flexWrap: 'wrap', mb: 2 }}>
          <div>
            <Typography variant="h5" component="h2" id="agreement-title">
              Partnering agreement: {record.name}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {shown
                ? `${versionLabel(shown)}, issued ${when(shown.issuedAt)} by ${names.user(shown.issuedBy)}. ${VERSION_STATUS_LABELS[shown.status]}${shown.decidedAt ? ` (${when(shown.decidedAt)})` : ''}. Signed when ${signingRuleLabel(shown.rule)}.`
                : 'Draft: not issued yet.'}
            </Typography>
          </div>
          <Button className="no-print" variant="outlined" startIcon={<PrintIcon />} onClick={() => window.print()}>
            Print
          </Button>
        </Stack>
        <AgreementDocumentView doc={doc} />
        {shown && <Signatures version={shown} />}
      </Paper>

      {versions.length > 0 && <VersionHistory versions={versions} />}
    </Stack>
  );
}

function Signatures({ version }: { version: AgreementVersion }) {
  const { names } = usePartnershipPage();
  return (
    <Stack component="section" aria-labelledby="signatures-heading" spacing={0.5} sx={{ breakInside: 'avoid' }}>
      <Typography variant="subtitle1" component="h3" id="signatures-heading" sx={{ fontWeight: 600 }}>
        Signatures
      </Typography>
      {signatureRows(version, names).map((row) => (
        <Typography key={row.organization} variant="body2" data-signature={row.status}>
          {row.organization}:{' '}
          {row.status === 'signed'
            ? `signed by ${row.by} on ${when(row.at)}`
            : row.status === 'refused'
              ? `refused by ${row.by} on ${when(row.at)}${row.reason ? `: “${row.reason}”` : ''}`
              : 'not signed'}
        </Typography>
      ))}
    </Stack>
  );
}

function VersionHistory({ versions }: { versions: AgreementVersion[] }) {
  const { names } = usePartnershipPage();
  return (
    <Stack component="section" aria-labelledby="versions-heading" spacing={0.5}>
      <SectionHeading id="versions-heading">Version history</SectionHeading>
      {[...versions].reverse().map((version) => (
        <Typography key={`${version.generation}-${version.version}`} variant="body2">
          {versionLabel(version)}: issued {when(version.issuedAt)} by {names.user(version.issuedBy)}; {VERSION_STATUS_LABELS[version.status].toLowerCase()}
          {version.decidedAt ? ` on ${when(version.decidedAt)}` : ''}; {Object.keys(version.signatures).length} signed, {Object.keys(version.refusals).length} refused
        </Typography>
      ))}
    </Stack>
  );
}
