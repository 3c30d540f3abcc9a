/**
 * trimTrailingSlashes drops the slashes a URL or path ends with. Only the first slash of the last
 * run may start the match, so a long run of slashes followed by something else is read once
 * (`/\/+$/` tries it again from each of its slashes).
 */
export function trimTrailingSlashes(text: string): string {
  return text.replace(/(?<!\/)\/+$/, '');
}
