import { inputError, parseImageReference, parseKeyValues, parseList, quoteValue } from './inputs.js';

/** NamedImage is one image of a release: a component (web, worker) or Deployment, and its reference. */
export interface NamedImage {
  name: string;
  ref: string;
}

export interface NamedImagesOptions {
  /** Take bare references too, named after the last part of their repository. */
  bare?: boolean;
}

/** jsonImages reads the JSON forms: build-push's `metadata` ({name: {ref}}), rollout's ({deployment: [refs]}), or {name: ref}. */
function jsonImages(name: string, value: string): NamedImage[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw inputError(name, 'starts with { but is not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw inputError(name, 'must be a JSON object of name to image');
  return Object.entries(parsed).flatMap(([key, entry]): NamedImage[] => {
    if (typeof entry === 'string') return [{ name: key, ref: entry }];
    if (Array.isArray(entry) && entry.every((ref) => typeof ref === 'string'))
      return entry.map((ref) => ({ name: key, ref }));
    if (entry !== null && typeof entry === 'object' && typeof (entry as { ref?: unknown }).ref === 'string')
      return [{ name: key, ref: (entry as { ref: string }).ref }];
    throw inputError(
      name,
      `gives ${quoteValue(key)} neither an image reference, a list of them, nor an object with 'ref' (build-push's metadata output)`,
    );
  });
}

/**
 * parseNamedImages reads images as people write them (`name=ref` per line) and as the actions
 * output them: build-push's `refs` lines and `images` JSON, rollout's and auto-rollback's
 * `images` JSON. Every reference is checked; an empty value gives no images.
 */
export function parseNamedImages(name: string, value: string, options: NamedImagesOptions = {}): NamedImage[] {
  const trimmed = value.trim();
  let images: NamedImage[];
  if (trimmed.startsWith('{')) images = jsonImages(name, trimmed);
  else if (options.bare)
    images = parseList(trimmed).map((line) => {
      const eq = line.indexOf('=');
      if (eq < 0) return { name: '', ref: line };
      const key = line.slice(0, eq).trim();
      if (key === '') throw inputError(name, `has an entry without a name before '=': ${quoteValue(line)}`);
      return { name: key, ref: line.slice(eq + 1).trim() };
    });
  else images = Object.entries(parseKeyValues(name, trimmed)).map(([key, ref]) => ({ name: key, ref }));
  return images.map((image) => {
    if (image.ref === '') throw inputError(name, `gives no image for ${quoteValue(image.name)}`);
    const parsed = parseImageReference(name, image.ref);
    if (image.name !== '') return image;
    return { name: parsed.repository.split('/').at(-1) as string, ref: image.ref };
  });
}
