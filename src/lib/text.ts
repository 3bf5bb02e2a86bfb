/** `counted(1, 'fact')` -> "1 fact", `counted(49999, 'fact')` -> "49,999 facts". */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? singular : plural}`;
}
