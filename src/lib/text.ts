/** `counted(1, 'fact')` -> "1 fact", `counted(2, 'fact')` -> "2 facts". */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
