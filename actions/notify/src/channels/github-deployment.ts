import {
  describeNetworkError,
  parseRetryAfter,
  RetryAfterBeyondDeadline,
  RetryableError,
  retry,
} from '@gke-deploy/action-kit';
import { type DeployStatus, type Notification, title } from '../content.js';
import type { GitHubDeploymentChannel } from './channel.js';
import { type Delivery, DeliveryError, type SendContext } from './channel.js';

type DeploymentState = 'in_progress' | 'success' | 'failure' | 'inactive';

/**
 * How a deploy's status shows on the Environments page: a rolled-back deploy failed (the previous
 * one is live again); a cancelled one never took effect, so it is inactive.
 */
const STATES: Record<DeployStatus, DeploymentState> = {
  started: 'in_progress',
  success: 'success',
  failure: 'failure',
  cancelled: 'inactive',
  'rolled-back': 'failure',
};

interface HttpErrorLike {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
}

/** GitHub's primary (x-ratelimit-remaining: 0) or secondary rate limit, which GitHub answers with 403 or 429. */
function rateLimited(err: HttpErrorLike): boolean {
  const data = err.response?.data as { message?: string } | undefined;
  return (
    err.status === 429 ||
    (err.status === 403 &&
      (err.response?.headers?.['x-ratelimit-remaining'] === '0' || /rate limit/i.test(data?.message ?? '')))
  );
}

/**
 * callGitHub runs one REST call, retrying network errors, 5xx and rate limits (with their
 * Retry-After, within the step's time budget). `tries` counts the retries of the whole delivery.
 */
async function callGitHub<T>(context: SendContext, label: string, call: () => Promise<T>, tries: { retries: number }) {
  return retry(
    async () => {
      try {
        return await call();
      } catch (error) {
        const err = error as HttpErrorLike;
        const retryAfter = parseRetryAfter(err.response?.headers?.['retry-after']);
        if (!err.response || (err.status ?? 0) >= 500 || rateLimited(err)) {
          throw new RetryableError(`${label}: ${describe(err)}`, retryAfter);
        }
        throw new DeliveryError(`${label}: ${describe(err)}`, tries.retries + 1);
      }
    },
    {
      attempts: context.retries + 1,
      deadline: context.deadline,
      onRetry: ({ error, delayMs }) => {
        tries.retries++;
        context.log(`${(error as Error).message}; retrying in ${Math.round(delayMs)} ms`);
      },
    },
  ).catch((error: unknown) => {
    if (error instanceof DeliveryError) throw error;
    if (error instanceof RetryAfterBeyondDeadline)
      throw new DeliveryError(`${(error.cause as Error).message}; GitHub ${error.message}`, tries.retries + 1);
    throw new DeliveryError((error as Error).message, tries.retries + 1);
  });
}

function describe(err: HttpErrorLike): string {
  const data = err.response?.data as { message?: string } | undefined;
  const message = data?.message ?? err.message ?? 'request failed';
  // Octokit reports a request that got no answer at all with status 500 and no response.
  if (!err.response) return `could not reach GitHub (${describeNetworkError(err)})`;
  if (rateLimited(err)) return `GitHub's API rate limit is used up (${err.status}: ${message})`;
  if (err.status === 404) return `GitHub answered 404 (${message}): the token cannot see this repository or deployment`;
  if (err.status === 403) return `GitHub answered 403 (${message}): the token needs 'deployments: write' permission`;
  return `GitHub answered ${err.status} (${message})`;
}

function description(n: Notification): string {
  const text = title(n);
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}

/**
 * sendGitHubDeployment records the deploy on the repository's Environments page: it creates a
 * deployment for the commit (unless `deployment-id` names one) and adds a status for this event.
 */
export async function sendGitHubDeployment(channel: GitHubDeploymentChannel, context: SendContext): Promise<Delivery> {
  const n = context.notification;
  const [owner, repo] = n.run.repository.split('/') as [string, string];
  // Octokit (and the undici it brings) is loaded only by the steps that record deployments.
  const { getOctokit } = await import('@actions/github');
  const octokit = getOctokit(channel.token);
  const tries = { retries: 0 };
  let deploymentId = channel.deploymentId;
  if (deploymentId === undefined) {
    const created = await callGitHub(
      context,
      'creating the deployment',
      () =>
        octokit.rest.repos.createDeployment({
          owner,
          repo,
          ref: n.run.sha || n.run.ref,
          environment: n.environment as string,
          description: description(n),
          auto_merge: false,
          required_contexts: [],
          payload: { service: n.service ?? '', images: n.images },
        }),
      tries,
    );
    const data = created.data as { id?: number; message?: string };
    if (created.status !== 201 || data.id === undefined) {
      throw new DeliveryError(
        `GitHub did not create the deployment: ${data.message ?? `HTTP ${created.status}`}`,
        tries.retries + 1,
      );
    }
    deploymentId = data.id;
  }
  const state = STATES[n.status];
  await callGitHub(
    context,
    'adding the deployment status',
    () =>
      octokit.rest.repos.createDeploymentStatus({
        owner,
        repo,
        deployment_id: deploymentId,
        state,
        description: description(n),
        environment: n.environment,
        ...(n.environmentUrl ? { environment_url: n.environmentUrl } : {}),
        ...(n.run.runUrl ? { log_url: n.run.runUrl } : {}),
        auto_inactive: state === 'success',
      }),
    tries,
  );
  return {
    attempts: tries.retries + 1,
    detail: `deployment ${deploymentId} is now ${state}`,
    outputs: { 'github-deployment-id': String(deploymentId) },
  };
}
