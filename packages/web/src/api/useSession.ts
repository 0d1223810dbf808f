// The signed-in session: probe on load, login, logout and organisation switch.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { API, type LoginRequest, type SessionInfo, type SwitchOrgRequest } from '@bulwark/contracts';
import { api, isUnauthorized, setCsrfToken } from './client.ts';

export const SESSION_KEY = ['session'] as const;

async function fetchSession(): Promise<SessionInfo | null> {
  try {
    const s = await api.get<SessionInfo>(API.session, { allow401: true });
    if (s.csrfToken) setCsrfToken(s.csrfToken);
    return s;
  } catch (err) {
    if (isUnauthorized(err)) return null;
    throw err;
  }
}

/** Undefined while the first probe runs; null when nobody is signed in. */
export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: Infinity, retry: false });
}

/** Forget everything the signed-in user could see and show the login screen. */
export function signOutLocally(client: QueryClient): void {
  setCsrfToken(undefined);
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
  client.setQueryData(SESSION_KEY, null);
}

function adopt(client: QueryClient, s: SessionInfo): void {
  if (s.csrfToken) setCsrfToken(s.csrfToken);
  client.setQueryData(SESSION_KEY, s);
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginRequest) => api.post<SessionInfo>(API.login, body, { allow401: true }),
    onSuccess: (s) => adopt(client, s),
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<unknown>(API.logout, {}, { allow401: true }),
    onSettled: () => signOutLocally(client),
  });
}

export function useSwitchOrganisation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SwitchOrgRequest) => api.post<SessionInfo>(API.switchOrg, body),
    onSuccess: async (s) => {
      adopt(client, s);
      await client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
    },
  });
}
