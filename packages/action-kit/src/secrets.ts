import * as core from '@actions/core';

const known = new Set<string>();

/**
 * maskSecret registers a secret with the runner, so it is replaced by *** in the log, and with
 * redact, so it is removed from any error text we produce. The forms a secret commonly takes
 * when it travels (each line of a multi-line value, URL-encoded, base64) are registered too.
 */
export function maskSecret(value: string | undefined): void {
  if (!value) return;
  for (const form of derivedForms(value)) {
    if (form.length === 0 || known.has(form)) continue;
    known.add(form);
    core.setSecret(form);
  }
}

function derivedForms(value: string): string[] {
  const forms = [value, encodeURIComponent(value), Buffer.from(value).toString('base64')];
  const lines = value.split(/\r?\n/).map((line) => line.trim());
  // The runner masks line by line, so every meaningful line of a multi-line secret is masked on its own.
  // PEM armour lines (-----BEGIN ...-----) are not secret and would mask every certificate in the log.
  if (lines.length > 1) forms.push(...lines.filter((line) => line.length >= 4 && !line.startsWith('-----')));
  return forms;
}

/** redact replaces every registered secret in text with ***, longest first so overlapping secrets go whole. */
export function redact(text: string): string {
  let result = text;
  const secrets = [...known].sort((a, b) => b.length - a.length);
  for (const secret of secrets) result = result.split(secret).join('***');
  return result;
}

/** knownSecretCount says how many secret forms are registered; for tests and diagnostics. */
export function knownSecretCount(): number {
  return known.size;
}

/**
 * maskSecretUrl masks a URL that is itself a credential (a Slack, Chat or Teams webhook) and the
 * parts of it that error messages tend to quote: host+path, path+query, and each query value.
 */
export function maskSecretUrl(value: string | undefined): void {
  if (!value) return;
  maskSecret(value);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return;
  }
  maskSecret(`${url.host}${url.pathname}${url.search}`);
  if (url.pathname.length > 1) maskSecret(`${url.pathname}${url.search}`);
  for (const param of url.searchParams.values()) if (param.length >= 8) maskSecret(param);
}
