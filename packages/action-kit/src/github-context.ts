import { readFileSync } from 'node:fs';

/** RunContext is what a step knows about the workflow run it is part of, from the runner's environment. */
export interface RunContext {
  repository: string;
  serverUrl: string;
  apiUrl: string;
  sha: string;
  ref: string;
  refName: string;
  actor: string;
  triggeringActor: string;
  eventName: string;
  workflow: string;
  job: string;
  runId: string;
  runNumber: string;
  runAttempt: string;
  /** Link to the run's page (the attempt, when known). */
  runUrl: string;
  /** Link to the commit, '' when the repository or sha is unknown. */
  commitUrl: string;
  /** First line of the head commit's message, when the event carries it (push events do). */
  commitMessage: string;
}

function readEventCommitMessage(eventPath: string | undefined): string {
  if (!eventPath) return '';
  try {
    const event = JSON.parse(readFileSync(eventPath, 'utf8')) as { head_commit?: { message?: string } };
    return (event.head_commit?.message ?? '').split('\n')[0]?.trim() ?? '';
  } catch {
    return '';
  }
}

/** runContext reads the GITHUB_* variables the runner sets for every step. */
export function runContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const serverUrl = env.GITHUB_SERVER_URL || 'https://github.com';
  const repository = env.GITHUB_REPOSITORY ?? '';
  const sha = env.GITHUB_SHA ?? '';
  const runId = env.GITHUB_RUN_ID ?? '';
  const runAttempt = env.GITHUB_RUN_ATTEMPT ?? '';
  const actor = env.GITHUB_ACTOR ?? '';
  let runUrl = '';
  if (repository && runId) {
    runUrl = `${serverUrl}/${repository}/actions/runs/${runId}${runAttempt ? `/attempts/${runAttempt}` : ''}`;
  }
  return {
    repository,
    serverUrl,
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    sha,
    ref: env.GITHUB_REF ?? '',
    refName: env.GITHUB_REF_NAME ?? '',
    actor,
    triggeringActor: env.GITHUB_TRIGGERING_ACTOR || actor,
    eventName: env.GITHUB_EVENT_NAME ?? '',
    workflow: env.GITHUB_WORKFLOW ?? '',
    job: env.GITHUB_JOB ?? '',
    runId,
    runNumber: env.GITHUB_RUN_NUMBER ?? '',
    runAttempt,
    runUrl,
    commitUrl: repository && sha ? `${serverUrl}/${repository}/commit/${sha}` : '',
    commitMessage: readEventCommitMessage(env.GITHUB_EVENT_PATH),
  };
}
