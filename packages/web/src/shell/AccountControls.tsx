// Organisation switch, user, API docs link and theme toggle: in the header on wide screens, in the
// navigation panel on narrow ones.
import { Anchor, Group, Stack, Text } from '@mantine/core';
import { API, type SessionInfo } from '@bulwark/contracts';
import { ColorSchemeToggle } from './ColorSchemeToggle.tsx';
import { OrgSwitch } from './OrgSwitch.tsx';

export function AccountControls({ session, stacked }: { session: SessionInfo; stacked: boolean }) {
  const items = (
    <>
      <OrgSwitch session={session} />
      <Text size="sm" title={session.user.email} data-testid="current-user" visibleFrom={stacked ? undefined : 'md'}>
        {session.user.displayName || session.user.email}
      </Text>
      <Anchor href={API.docs} target="_blank" rel="noopener noreferrer" size="sm">
        API docs
      </Anchor>
      <ColorSchemeToggle />
    </>
  );
  return stacked ? (
    <Stack gap="sm" align="flex-start">
      {items}
    </Stack>
  ) : (
    <Group gap="sm" wrap="nowrap">
      {items}
    </Group>
  );
}
