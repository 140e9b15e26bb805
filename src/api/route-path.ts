/**
 * A route's path as API Gateway names its resource: one leading slash, no trailing or doubled
 * slashes (`items/` → `/items`, `` → `/`). Every check, construct ID and method setting reads it.
 */
export function normalizeRoutePath(path: string): string {
  return `/${path.split('/').filter((part) => part !== '').join('/')}`;
}

/**
 * The `ResourcePath` of a stage method setting: the resource path with each '/' escaped as '~1'
 * after the leading slash (`/items/{id}` → `/~1items~1{id}`); the root is `/`.
 */
export function methodSettingPath(normalizedPath: string): string {
  return normalizedPath === '/' ? '/' : `/${normalizedPath.replace(/\//g, '~1')}`;
}

/** The letters and digits of a name, for construct IDs derived from it. */
export function sanitize(text: string): string {
  return text.replace(/[^A-Za-z0-9]/g, '');
}
