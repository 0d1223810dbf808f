// Deciding a held or blocked request: confirm abuse (the account is blocked; optionally its one-way
// hash, addresses and ATLAS techniques are shared with federated instances) or dismiss it (the
// account's risk starts again from zero). Only for roles with aiguard:manage.
import { useState } from 'react';
import { Button, Checkbox, Group, Stack, Text, Textarea } from '@mantine/core';
import type { AiguardRequest } from '@bulwark/contracts';
import { useAiguardReview } from '../../api/useAiguardTraffic.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';

export function ReviewActions({ request, onDone }: { request: AiguardRequest; onDone?: (r: AiguardRequest) => void }) {
  const review = useAiguardReview();
  const [note, setNote] = useState('');
  const [share, setShare] = useState(false);
  const decide = (decision: 'confirm' | 'dismiss') => review.mutate(
    { id: request.id, body: { decision, ...(note.trim() ? { note: note.trim() } : {}), ...(decision === 'confirm' && share ? { share: true } : {}) } },
    { onSuccess: (r) => onDone?.(r) },
  );
  return (
    <Stack gap="xs" component="form" aria-label={`Review of request ${request.id}`} onSubmit={(e) => e.preventDefault()}>
      <Textarea label="Note" description="Kept with the decision (and with the block reason when confirmed)" value={note} maxLength={2000} autosize minRows={1}
        onChange={(e) => setNote(e.currentTarget.value)} />
      <Checkbox label="Share with federated instances (as a STIX threat actor with hashed identifiers)" checked={share} onChange={(e) => setShare(e.currentTarget.checked)} />
      <Text size="xs" c="dimmed">Confirming blocks the account until it is unblocked; dismissing clears its risk. Every pending request of the account is decided with it.</Text>
      <ErrorNotice error={review.error} title="Could not record the decision" />
      <Group>
        <Button color="red" loading={review.isPending && review.variables?.body.decision === 'confirm'} disabled={review.isPending} onClick={() => decide('confirm')}>Confirm abuse</Button>
        <Button variant="default" loading={review.isPending && review.variables?.body.decision === 'dismiss'} disabled={review.isPending} onClick={() => decide('dismiss')}>Dismiss</Button>
      </Group>
    </Stack>
  );
}
