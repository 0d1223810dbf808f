// Sign-in form: email + password → POST /auth/login; shows the problem detail on 401/429.
import { useState, type FormEvent } from 'react';
import { Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useLogin } from '../api/useSession.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { ColorSchemeToggle } from '../shell/ColorSchemeToggle.tsx';

export function LoginPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useLogin();

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    login.mutate({ email: email.trim(), password });
  }

  return (
    <Center component="main" id="main-content" mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={420}>
        <form onSubmit={submit} aria-labelledby="login-title">
          <Stack>
            <Title order={1} size="h2" id="login-title">
              Bulwark console
            </Title>
            <Text c="dimmed" size="sm">
              Sign in with your organisation account.
            </Text>
            <TextInput
              label="Email"
              type="email"
              name="email"
              autoComplete="username"
              required
              autoFocus
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <PasswordInput
              label="Password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              visibilityToggleButtonProps={{ 'aria-label': 'Show or hide password' }}
            />
            <ErrorNotice error={login.error} title="Sign-in failed" />
            <Button type="submit" loading={login.isPending}>
              Sign in
            </Button>
            <ColorSchemeToggle />
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
