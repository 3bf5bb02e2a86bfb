/** Browser helpers shared by the instructor's drill screens: the full link of a drill, and saving text as a file. */

/** `#/drill/<code>` as a full link to this app (origin and path of the current page). */
export function drillLink(href: string): string {
  return `${location.origin}${location.pathname}${href}`;
}

/** Saves `text` as a download named `name`. */
export function downloadText(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
