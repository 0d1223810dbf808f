// Shows a failed request's problem `detail` as plain text, announced to screen readers.
import { Alert } from '@mantine/core';
import { errorText } from '../api/problem.ts';

export function ErrorNotice({ error, title = 'Request failed' }: { error: unknown; title?: string }) {
  if (!error) return null;
  return (
    <Alert color="red" variant="outline" title={title} role="alert">
      {errorText(error)}
    </Alert>
  );
}
