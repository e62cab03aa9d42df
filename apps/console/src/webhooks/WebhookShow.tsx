import EditIcon from '@mui/icons-material/Edit';
import ReplayIcon from '@mui/icons-material/Replay';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Link, Loading, Title, useGetList, useGetOne, useRefresh, useShowController } from 'react-admin';
import { useNotifyError, useNotifySuccess } from '../notifyError';
import { useConsoleDataProvider } from '../useConsoleDataProvider';
import { STATUS_COLORS, attemptOutcome, deliverySummary, eventTypeLabel, type WebhookDeliveryRecord, type WebhookRecord } from './webhookModel';

/** How often the delivery log is read again while the page is open: retries land by themselves. */
const POLL_MS = 3_000;
const PAGE = 25;

/**
 * One webhook: where it posts, what it sends, the secret its receiver verifies signatures with, and
 * its delivery log — each message's status, every attempt on demand, and a Redeliver button.
 */
export function WebhookShow() {
  const { record, isPending } = useShowController<WebhookRecord>();
  if (isPending || !record) return <Loading />;
  return (
    <Box sx={{ mt: 2, display: 'flex', flexDirection: 'column', gap: 2, maxWidth: 960 }}>
      <Title title={`Webhook of ${record.organizationName}`} />
      <WebhookDetails webhook={record} />
      <DeliveryLog webhookId={record.id} />
    </Box>
  );
}

function WebhookDetails({ webhook }: { webhook: WebhookRecord }) {
  const dataProvider = useConsoleDataProvider();
  const notifyError = useNotifyError();
  const notifySuccess = useNotifySuccess();
  const refresh = useRefresh();
  const [shown, setShown] = useState(false);
  const rotate = async () => {
    if (!window.confirm('Give this webhook a new secret? The receiver must switch to it: messages signed from now on will not verify with the old one.')) return;
    try {
      await dataProvider.rotateWebhookSecret(webhook.id);
      notifySuccess('A new secret signs every message from now on');
      setShown(true);
      refresh();
    } catch (error) {
      notifyError(error);
    }
  };
  return (
    <Card variant="outlined" component="section" aria-labelledby="webhook-heading">
      <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
        <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography id="webhook-heading" variant="h6" component="h2" sx={{ flexGrow: 1 }}>
            {webhook.organizationName}
          </Typography>
          <Chip size="small" color={webhook.active ? 'success' : 'default'} label={webhook.active ? 'Active' : 'Paused'} />
          <Button size="small" component={Link} to={`/webhooks/${webhook.id}`} startIcon={<EditIcon />}>
            Edit
          </Button>
        </Stack>
        <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
          <strong>URL</strong> {webhook.url}
        </Typography>
        {webhook.description && <Typography variant="body2">{webhook.description}</Typography>}
        <Typography variant="body2">
          <strong>Sends</strong> {webhook.eventTypes.map(eventTypeLabel).join('; ')}
        </Typography>
        <Box>
          <Typography variant="body2" component="div">
            <strong>Signing secret</strong> (Standard Webhooks: verify <code>webhook-signature</code> with it)
          </Typography>
          <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', mt: 0.5 }}>
            <Box component="code" aria-label="Signing secret" sx={{ overflowWrap: 'anywhere', bgcolor: 'action.hover', px: 1, py: 0.5, borderRadius: 1, fontSize: 13 }}>
              {shown ? webhook.secret : 'whsec_••••••••••••'}
            </Box>
            <Button size="small" onClick={() => setShown(!shown)}>
              {shown ? 'Hide' : 'Show'}
            </Button>
            <Button size="small" onClick={() => void rotate()}>
              New secret
            </Button>
          </Stack>
        </Box>
      </CardContent>
    </Card>
  );
}

function DeliveryLog({ webhookId }: { webhookId: string }) {
  const [page, setPage] = useState(1);
  const { data, total, isPending } = useGetList<WebhookDeliveryRecord>(
    'webhook-deliveries',
    { filter: { webhookId }, sort: { field: 'createdAt', order: 'DESC' }, pagination: { page, perPage: PAGE } },
    { refetchInterval: POLL_MS },
  );
  return (
    <Card variant="outlined" component="section" aria-labelledby="delivery-log-heading">
      <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
        <Typography id="delivery-log-heading" variant="h6" component="h2">
          Delivery log
        </Typography>
        <Typography variant="body2" color="text.secondary">
          Each message, newest first. A receiver that does not answer 2xx is tried again after 5 s, then twice as long each time (eight attempts in all); Redeliver sends a message again with the same webhook-id.
        </Typography>
        {isPending ? (
          <Loading />
        ) : (data ?? []).length === 0 ? (
          <Typography variant="body2">Nothing sent yet: messages appear here as notifications and stage changes happen.</Typography>
        ) : (
          <Stack spacing={1} role="list" aria-label="Deliveries">
            {(data ?? []).map((delivery) => (
              <DeliveryRow key={delivery.id} delivery={delivery} />
            ))}
          </Stack>
        )}
        {(total ?? 0) > PAGE && (
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', justifyContent: 'flex-end' }}>
            <Button size="small" disabled={page === 1} onClick={() => setPage(page - 1)}>
              Newer
            </Button>
            <Typography variant="body2">
              {(page - 1) * PAGE + 1}–{Math.min(page * PAGE, total ?? 0)} of {total}
            </Typography>
            <Button size="small" disabled={page * PAGE >= (total ?? 0)} onClick={() => setPage(page + 1)}>
              Older
            </Button>
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}

function DeliveryRow({ delivery }: { delivery: WebhookDeliveryRecord }) {
  const [open, setOpen] = useState(false);
  const dataProvider = useConsoleDataProvider();
  const notifyError = useNotifyError();
  const notifySuccess = useNotifySuccess();
  const refresh = useRefresh();
  const [sending, setSending] = useState(false);
  const redeliver = async () => {
    setSending(true);
    try {
      await dataProvider.redeliverWebhook(delivery.id);
      notifySuccess('Queued again: the worker sends it within seconds');
      refresh();
    } catch (error) {
      notifyError(error);
    } finally {
      setSending(false);
    }
  };
  return (
    <Box role="listitem" aria-label={`${delivery.eventType} ${delivery.status}`} sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5 }}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Chip size="small" color={STATUS_COLORS[delivery.status]} label={delivery.status} />
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {delivery.eventType}
        </Typography>
        <Typography variant="body2" sx={{ flexGrow: 1, minWidth: 160 }}>
          <Link to={`/partnerships/${delivery.partnershipId}/show`}>{delivery.partnershipName ?? delivery.partnershipId}</Link> · event {delivery.eventSequence} · {new Date(delivery.createdAt).toLocaleString()}
        </Typography>
        <Button size="small" onClick={() => setOpen(!open)} aria-expanded={open}>
          {open ? 'Hide attempts' : 'Attempts'}
        </Button>
        <Button size="small" startIcon={<ReplayIcon />} disabled={sending} onClick={() => void redeliver()}>
          Redeliver
        </Button>
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5, overflowWrap: 'anywhere' }}>
        {deliverySummary(delivery)}
      </Typography>
      {open && <Attempts deliveryId={delivery.id} />}
    </Box>
  );
}

function Attempts({ deliveryId }: { deliveryId: string }) {
  const { data, isPending } = useGetOne<WebhookDeliveryRecord>('webhook-deliveries', { id: deliveryId }, { refetchInterval: POLL_MS });
  if (isPending || !data) return <Loading />;
  return (
    <Box sx={{ mt: 1 }}>
      <Typography variant="caption" component="p" sx={{ overflowWrap: 'anywhere' }}>
        webhook-id <code>{data.messageId}</code>
      </Typography>
      <Box component="ol" aria-label="Attempts" sx={{ pl: 3, my: 0.5 }}>
        {(data.attemptLog ?? []).map((attempt) => (
          <li key={attempt.id}>
            <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
              Round {attempt.round}, attempt {attempt.attempt}: {attemptOutcome(attempt)} · {new Date(attempt.attemptedAt).toLocaleString()} · {attempt.durationMs} ms
              {attempt.responseExcerpt ? ` · “${attempt.responseExcerpt}”` : ''}
            </Typography>
          </li>
        ))}
      </Box>
      {(data.attemptLog ?? []).length === 0 && <Typography variant="body2">No attempt yet.</Typography>}
    </Box>
  );
}
