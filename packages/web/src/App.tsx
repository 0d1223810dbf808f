// Session gate: the login screen until a session exists, then the console shell.
import { useEffect } from 'react';
import { Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { setUnauthorizedHandler } from './api/client.ts';
import { errorText } from './api/problem.ts';
import { signOutLocally, useSession } from './api/useSession.ts';
import { LoginPage } from './pages/LoginPage.tsx';
import { ConsoleShell } from './shell/ConsoleShell.tsx';
import { clearPageState } from './state/usePageState.ts';

export function App() {
  const client = useQueryClient();
  const session = useSession();

  useEffect(() => {
    setUnauthorizedHandler(() => signOutLocally(client));
    return () => setUnauthorizedHandler(undefined);
  }, [client]);

  useEffect(() => {
    if (session.data === null) clearPageState();
  }, [session.data]);

  if (session.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading session" />
      </Center>
    );
  }
  if (session.isError) {
    return (
      <Center h="100vh">
        <Stack align="center">
          <Text role="alert">Cannot reach the Bulwark server: {errorText(session.error)}</Text>
          <Button onClick={() => void session.refetch()}>Try again</Button>
        </Stack>
      </Center>
    );
  }
  if (!session.data) return <LoginPage />;
  return <ConsoleShell session={session.data} />;
}
