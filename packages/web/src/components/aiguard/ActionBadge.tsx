// A gateway action (allow, flag, hold, block) as a coloured badge; the text is the action itself.
import { Badge } from '@mantine/core';
import { actionColor } from '../../format/aiguard.ts';

export function ActionBadge({ action }: { action: string }) {
  return <Badge color={actionColor(action)} variant={action === 'allow' ? 'light' : 'filled'} radius="sm" style={{ minWidth: 'max-content' }} data-testid="action">{action}</Badge>;
}
