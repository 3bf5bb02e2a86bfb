/**
 * fast-check generators of the words, wiki-links and inline text that notes are
 * written with, shared by the parser's property tests and the test that
 * compares `parseInline`'s plain-line shortcut with marked.
 */
import fc from 'fast-check';

/** Note names, heading titles and block ids drawn from small pools, so links often resolve (and often do not). */
export const NOTE_NAMES = ['Alpha', 'Beta note', 'Gamma', 'Résumé 日本'];
export const FOLDERS = ['', '', 'Folder/', 'Deep/Er/'];
export const HEADINGS = ['Overview', 'Backup plan', 'Pricing', 'Key insights', 'Vault lock: %% fold %%', 'Ünïcode ✓', 'Resources', 'Tags', 'Limits 2'];
export const BLOCK_IDS = ['b1', 'b2', 'blk-3', 'x'];

export const word = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('backup', 'vault', 'plan', 'AWS Backup', 'Amazon S3', 'copy', 'lock', 'retention', 'region', 'cold', 'storage', 'job') },
  { weight: 3, arbitrary: fc.constantFrom('35 days', '11 nines', '1,000', '90', '2.5 GB', '100%', '7') },
  { weight: 2, arbitrary: fc.constantFrom('é', 'ñandú', '日本語', 'Ωμέγα', 'ΑΣ', 'עברית', '👍🏽', 'ﬁ', 'İstanbul', 'x\u200by', 'Ǆ') },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }) },
);
export const name = fc.constantFrom(...NOTE_NAMES);
export const heading = fc.constantFrom(...HEADINGS);
export const blockId = fc.constantFrom(...BLOCK_IDS);

/** The inside of `[[...]]`: every form Obsidian writes, and malformed ones. */
export const wikiInner = fc.oneof(
  name,
  fc.tuple(name, word).map(([n, a]) => `${n}|${a}`),
  fc.tuple(name, heading).map(([n, h]) => `${n}#${h}`),
  fc.tuple(name, heading, heading).map(([n, a, b]) => `${n}#${a}#${b}`),
  fc.tuple(name, blockId).map(([n, b]) => `${n}#^${b}`),
  fc.tuple(fc.constantFrom(...FOLDERS), name).map(([f, n]) => `${f}${n}`),
  fc.tuple(name).map(([n]) => `${n}.md`),
  heading.map((h) => `#${h}`),
  blockId.map((b) => `#^${b}`),
  fc.constantFrom('', ' ', 'a#^', 'a^', 'a]|b', 'a#^b]|c', 'file.pdf', 'Alpha#', '#', '|', 'a|b|c', 'x#^ '),
);
export const IMAGES = ['pic.png', 'Folder/diagram.svg', 'photo.JPG|300', 'photo.jpg|a photo|300x200', 'img.webp|alt'];

export const inlinePiece: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: word },
  {
    weight: 4,
    arbitrary: fc.tuple(fc.constantFrom('**', '*', '_', '__', '~~', '`', '==', '***'), word).map(([m, w]) => `${m}${w}${m}`),
  },
  { weight: 5, arbitrary: wikiInner.map((inner) => `[[${inner}]]`) },
  { weight: 2, arbitrary: wikiInner.map((inner) => `![[${inner}]]`) },
  { weight: 2, arbitrary: fc.constantFrom(...IMAGES).map((i) => `![[${i}]]`) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '![alt](https://x.example/y.png)',
      '![a](img/a%20b.png)',
      '![](img/%zz.png)',
      '![x](javascript:alert(1))',
      '![x](data:image/png;base64,AAAA)',
      '[site](https://aws.amazon.com)',
      '[bad](javascript:alert(1))',
      '[mail](mailto:a@b.c)',
      'https://docs.aws.amazon.com/x',
      'www.example.com',
    ),
  },
  {
    weight: 3,
    arbitrary: fc.tuple(fc.constantFrom('<mark>', '<span style="color:#0055ff">', '<b>', '<i>', '<s>', '<u>', '<sup>', '<kbd>'), word).map(([open, w]) => {
      const tag = /^<(\w+)/.exec(open)?.[1] ?? 'b';
      return `${open}${w}</${tag}>`;
    }),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '<a href="javascript:x">y</a>',
      '<video src=x>',
      '<mark>open',
      '</mark>',
      '<!-- inline comment -->',
      '<!--',
      '<br>',
      '<iframe src=x></iframe>',
      '<svg><g/></svg>',
      '<',
      '&amp;',
      '&lt;b&gt;',
      '&nbsp;',
      '&#169;',
      '&bogus;',
    ),
  },
  { weight: 3, arbitrary: fc.constantFrom('#aws/storage', '#backup', '#123', '#0055FF', '#', '#a-b_c', '#日本') },
  { weight: 2, arbitrary: word.map((w) => `%% ${w} %%`) },
  { weight: 1, arbitrary: fc.constant('%%') },
  { weight: 2, arbitrary: fc.constantFrom('[^1]', '[^note]', '$x^2$', '$$E=mc^2$$', '$5 and $10', '$', '\\*', '\\|', '\\') },
  { weight: 2, arbitrary: fc.constantFrom('*', '_', '[', ']', '[[', ']]', '|', '`', '``', '==', '>', '^', '~', '!') },
);
export const inlineText = fc.array(inlinePiece, { minLength: 1, maxLength: 7 }).map((parts) => parts.join(' '));
/** A line's text, sometimes ending in a block id. */
export const lineText = fc.tuple(inlineText, fc.option(blockId, { freq: 6 })).map(([t, b]) => (b === null ? t : `${t} ^${b}`));
