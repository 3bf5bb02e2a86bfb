/**
 * How answers and statements are compared. One tokeniser serves three needs:
 * accepting a typed answer (`normalizeAnswer`), telling whether two options say
 * the same thing (`optionKey`), and telling whether a sentence is one the notes
 * state (`statementKey`).
 */

/** Words that carry no meaning of their own when comparing what two sentences say. */
const STOPWORDS = new Set([
  'a', 'an', 'the', 'of', 'to', 'in', 'on', 'for', 'and', 'or', 'with', 'by', 'as', 'at', 'from', 'into', 'is', 'are',
  'be', 'it', 'its', 'that', 'this', 'these', 'those', 'can', 'you', 'your', 'per', 'such', 'which', 'who', 'how',
  'when', 'what', 'all', 'every', 'each', 'any', 'has', 'have', 'not', 'no', 'if', 'than', 'then', 'also', 'both',
  'aws', 'amazon',
]);

/** `policies` -> `policy`, `processes` -> `process`, `alarms` -> `alarm`; short words (`sns`, `kms`, `bus`) are left alone. */
function singular(word: string): string {
  if (word.length < 4 || !/^[a-z]+$/.test(word)) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(?:ss|sh|ch|x|z)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/**
 * Lower-cased, accent-free words and numbers, each made singular. Thousands
 * separators are dropped (`1,000` is `1000`); a decimal point is kept (`1.5`).
 */
export function answerTokens(text: string): readonly string[] {
  return memo(tokenLists, text, () => tokenize(text));
}

const CACHE_LIMIT = 50_000;
const tokenLists = new Map<string, readonly string[]>();

/**
 * The same option and fact texts are compared again and again while a quiz is
 * built, so results are kept; a cache that grows past its limit starts over.
 */
function memo<T>(cache: Map<string, T>, text: string, compute: () => T): T {
  let value = cache.get(text);
  if (value === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    value = compute();
    cache.set(text, value);
  }
  return value;
}

function tokenize(text: string): readonly string[] {
  const plain = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/(\d),(?=\d{3}\b)/g, '$1');
  return Object.freeze((plain.match(/\d+\.\d+|[a-z0-9]+/g) ?? []).map(singular));
}

/**
 * A typed answer as it is compared: case, spacing, punctuation and simple
 * plurals (`s`, `es`, `ies`) do not matter, and neither do the spaces between
 * words, so `'Cloud Trail '`, `'cloudtrails'` and `'CloudTrail'` are the same
 * answer. Numbers keep their decimals: `'1.5'` is not `'15'`.
 *
 * @example normalizeAnswer('Cloud Trail ') === normalizeAnswer('cloudtrails') // 'cloudtrail'
 */
export function normalizeAnswer(text: string): string {
  return answerTokens(text).join('');
}

/** `AWS CloudTrail` -> `CloudTrail`, `the S3 bucket` -> `S3 bucket`: the service prefix and a leading article are optional in an answer. */
export function stripPrefix(text: string): string {
  const stripped = text.trim().replace(/^(?:the|an?)\s+/i, '').replace(/^(?:aws|amazon)\s+(?=\S)/i, '');
  return stripped === '' ? text.trim() : stripped;
}

/** When two options name the same thing: `CloudTrail` and `AWS Cloud Trails` share a key. */
export function optionKey(text: string): string {
  return normalizeAnswer(stripPrefix(text));
}

/**
 * A sentence as compared with the notes: its tokens with `AWS` and `Amazon`
 * dropped, so that `AWS CloudTrail monitors API calls` and `CloudTrail monitors
 * API calls` count as the same statement.
 */
export function statementKey(text: string): string {
  return memo(statementKeys, text, () =>
    answerTokens(text)
      .filter((t) => t !== 'aws' && t !== 'amazon')
      .join(' '),
  );
}

/** The tokens that carry meaning: no stop words, no `AWS`/`Amazon`. */
export function contentTokens(text: string): readonly string[] {
  return memo(contentTokenLists, text, () => Object.freeze(answerTokens(text).filter((t) => !STOPWORDS.has(t))));
}

const statementKeys = new Map<string, string>();
const contentTokenLists = new Map<string, readonly string[]>();

/** Whether `inner`'s tokens occur, in order and adjacent, inside `outer`'s: `backup` is inside `backup storage used`. */
export function containsWords(outer: string, inner: string): boolean {
  const o = ` ${statementKey(outer)} `;
  const i = statementKey(inner);
  return i !== '' && o.includes(` ${i} `);
}
