/** Browser helpers shared by the instructor's drill screens: the full link of a drill, and saving text as a file. */

/** `#/drill/<code>` as a full link to this app (origin and path of the current page). */
export function drillLink(href: string): string {
  return `${location.origin}${location.pathname}${href}`;
}

export { downloadText } from '../shared/download.ts';
