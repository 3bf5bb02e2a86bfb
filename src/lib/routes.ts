/**
 * Hash routes: every screen has an address (`#/n/storage-aws-backup/f/...`),
 * so deep links survive a reload and can be shared. Pure: no `location` here.
 */

/** Which cards to study: any of the listed notes, sections or tags (empty = all). */
export interface StudyFilter {
  note?: string;
  section?: string;
  tag?: string;
}

export type Route =
  | { name: 'home'; tag?: string }
  | { name: 'search'; query: string }
  | { name: 'review'; filter: StudyFilter }
  | { name: 'stats' }
  | { name: 'quiz' }
  | { name: 'exam' }
  | { name: 'progress' }
  | { name: 'library' }
  | { name: 'sandbox'; tab?: string; lab?: string }
  /** Drills: the hub (assigned and created drills), a drill link being opened, taking one, or its results. */
  | { name: 'drills' }
  | { name: 'drill-open'; code: string }
  | { name: 'drill-take'; drillId: string }
  | { name: 'drill-results'; drillId: string }
  | { name: 'note'; noteId: string; sectionId?: string; factId?: string };

const enc = encodeURIComponent;

function dec(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part; // a hand-typed `%` that is not an escape: take it as written
  }
}

/** Reads a route from `location.hash`; anything unknown is the home screen. */
export function parseRoute(hash: string): Route {
  const body = hash.replace(/^#/, '');
  const [path = '', queryString = ''] = body.split(/\?(.*)/s, 2);
  const params = new URLSearchParams(queryString);
  const parts = path.split('/').filter((p) => p !== '');
  if (parts[0] === 'search') return { name: 'search', query: params.get('q') ?? '' };
  if (parts[0] === 'review') {
    const filter: StudyFilter = {};
    for (const key of ['note', 'section', 'tag'] as const) {
      const value = params.get(key);
      if (value) filter[key] = value;
    }
    return { name: 'review', filter };
  }
  if (parts[0] === 'stats') return { name: 'stats' };
  if (parts[0] === 'quiz') return { name: 'quiz' };
  if (parts[0] === 'exam') return { name: 'exam' };
  if (parts[0] === 'progress') return { name: 'progress' };
  if (parts[0] === 'library') return { name: 'library' };
  if (parts[0] === 'drills') {
    if (parts[1] === 'take' && parts[2]) return { name: 'drill-take', drillId: dec(parts[2]) };
    if (parts[1] === 'results' && parts[2]) return { name: 'drill-results', drillId: dec(parts[2]) };
    return { name: 'drills' };
  }
  // A drill link: the code is everything after #/drill/ (base64url and dots, never re-encoded).
  if (parts[0] === 'drill' && parts[1]) return { name: 'drill-open', code: parts.slice(1).join('/') };
  if (parts[0] === 'sandbox') {
    const route: Route = { name: 'sandbox' };
    const tab = parts[1] ? dec(parts[1]) : undefined;
    const lab = params.get('lab');
    if (tab) route.tab = tab;
    if (lab) route.lab = lab;
    return route;
  }
  if (parts[0] === 'n' && parts[1]) {
    const noteId = dec(parts[1]);
    const rest = parts.slice(3).join('/');
    if (parts[2] === 's' && rest) return { name: 'note', noteId, sectionId: dec(rest) };
    if (parts[2] === 'f' && rest) return { name: 'note', noteId, factId: dec(rest) };
    return { name: 'note', noteId };
  }
  const tag = params.get('tag');
  return tag ? { name: 'home', tag } : { name: 'home' };
}

/** The `#/...` address of a route. */
export function routeHref(route: Route): string {
  switch (route.name) {
    case 'home':
      return route.tag ? `#/?tag=${enc(route.tag)}` : '#/';
    case 'search':
      return `#/search?q=${enc(route.query)}`;
    case 'review': {
      const params = new URLSearchParams();
      for (const key of ['note', 'section', 'tag'] as const) {
        const value = route.filter[key];
        if (value) params.set(key, value);
      }
      const query = params.toString().replace(/\+/g, '%20');
      return query ? `#/review?${query}` : '#/review';
    }
    case 'stats':
      return '#/stats';
    case 'quiz':
      return '#/quiz';
    case 'exam':
      return '#/exam';
    case 'progress':
      return '#/progress';
    case 'library':
      return '#/library';
    case 'drills':
      return '#/drills';
    case 'drill-open':
      return `#/drill/${route.code}`;
    case 'drill-take':
      return `#/drills/take/${enc(route.drillId)}`;
    case 'drill-results':
      return `#/drills/results/${enc(route.drillId)}`;
    case 'sandbox': {
      const base = route.tab ? `#/sandbox/${enc(route.tab)}` : '#/sandbox';
      return route.lab ? `${base}?lab=${enc(route.lab)}` : base;
    }
    case 'note': {
      const base = `#/n/${enc(route.noteId)}`;
      if (route.factId) return `${base}/f/${enc(route.factId)}`;
      if (route.sectionId) return `${base}/s/${enc(route.sectionId)}`;
      return base;
    }
  }
}
