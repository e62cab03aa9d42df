import DownloadIcon from '@mui/icons-material/Download';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { EXPORT_FORMATS, type ExportFormat } from '@pe/domain';
import { useState } from 'react';
import { EXPORT_FORMAT_LABELS } from '../access-log/accessLogModel';
import { useNotifyError } from '../notifyError';
import { useConsoleDataProvider } from '../useConsoleDataProvider';

/** Hands a downloaded file to the browser to save, under the name the API gave it. */
function save(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Downloads of the partnership's history for whoever may read its timeline: the dossier (one HTML
 * file that opens offline and verifies itself), the events as JSON (what scripts/verify-dossier.mjs
 * also checks) or as a CSV table. Each download is recorded in the access log.
 */
export function ExportButtons({ partnershipId }: { partnershipId: string }) {
  const dataProvider = useConsoleDataProvider();
  const notifyError = useNotifyError();
  const [pending, setPending] = useState<ExportFormat | null>(null);

  const download = (format: ExportFormat) => {
    setPending(format);
    dataProvider
      .exportFile(partnershipId, format)
      .then(({ blob, filename }) => save(blob, filename), notifyError)
      .finally(() => setPending(null));
  };

  return (
    <Stack component="section" aria-labelledby="export-heading" spacing={0.5}>
      <Typography variant="subtitle2" component="h3" id="export-heading">
        Export the record
      </Typography>
      <Stack direction="row" useFlexGap spacing={1} sx={{ flexWrap: 'wrap' }}>
        {EXPORT_FORMATS.map((format) => (
          <Button key={format} size="small" variant="outlined" startIcon={<DownloadIcon />} disabled={pending !== null} onClick={() => download(format)}>
            {EXPORT_FORMAT_LABELS[format]}
          </Button>
        ))}
      </Stack>
      <Typography variant="caption" color="text.secondary">
        The dossier opens offline and checks its own hash chain and signature; the JSON export is checked with node scripts/verify-dossier.mjs.
      </Typography>
    </Stack>
  );
}
