import { maskSecret, OperationalError } from '@gke-deploy/action-kit';
import { GoogleAuth } from 'google-auth-library';
import type { RegistryLogin } from './inputs.js';

/**
 * registryPassword returns the password for a login: the given one, or an OAuth access token from
 * Application Default Credentials (what google-github-actions/auth sets up, Workload Identity
 * Federation included) for Artifact Registry and Container Registry.
 */
export async function registryPassword(login: RegistryLogin): Promise<string> {
  if (login.method === 'password') return login.password as string;
  let token: string | null | undefined;
  try {
    const auth = new GoogleAuth({ scopes: ['https://www.googleapis.com/auth/cloud-platform'] });
    token = await auth.getAccessToken();
  } catch (error) {
    throw new OperationalError(
      `no Google credentials to log in to ${login.registry}: ${(error as Error).message.split('\n')[0]} (run google-github-actions/auth first, or give 'username' and 'password')`,
    );
  }
  if (!token) throw new OperationalError(`Application Default Credentials gave no access token for ${login.registry}`);
  maskSecret(token);
  return token;
}
