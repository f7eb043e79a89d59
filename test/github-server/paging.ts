// GitHub's page-number paging: per_page (default 30, at most 100) and page, with a
// `link` header naming the first, prev, next and last pages when there is more than one.

export interface Page<T> {
  items: T[];
  /** The link header, when the list spans more than one page. */
  link?: string;
}

export function pageOf<T>(items: readonly T[], url: URL, defaultPerPage = 30): Page<T> {
  const perPage = clamp(Number(url.searchParams.get('per_page') ?? defaultPerPage), 1, 100, defaultPerPage);
  const page = clamp(Number(url.searchParams.get('page') ?? 1), 1, Number.MAX_SAFE_INTEGER, 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  if (last === 1) return { items: slice };
  const at = (n: number) => {
    const u = new URL(url.href);
    u.searchParams.set('per_page', String(perPage));
    u.searchParams.set('page', String(n));
    return `<${u.href}>`;
  };
  const links: string[] = [];
  if (page > 1) links.push(`${at(page - 1)}; rel="prev"`);
  if (page < last) links.push(`${at(page + 1)}; rel="next"`);
  if (page < last) links.push(`${at(last)}; rel="last"`);
  if (page > 1) links.push(`${at(1)}; rel="first"`);
  return { items: slice, link: links.join(', ') };
}

function clamp(n: number, min: number, max: number, fallback: number): number {
  if (!Number.isFinite(n)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(n)));
}
