/**
 * The content model: what a folder of Obsidian-style notes becomes.
 *
 * Stages: `lexLines` (text -> line tokens) -> `parseNote` (tokens -> Note with
 * sections and facts) -> `buildVault` (notes -> Vault with resolved links and a
 * search index). Every stage is pure and plain data, so a compiled vault can be
 * serialised to JSON at build time and shipped to the browser as it is.
 */

/** A piece of rendered text. A tagged union, rendered by an exhaustive switch. */
export type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'del'; children: Inline[] }
  | { type: 'code'; text: string }
  /** Text the author marked: `<mark>`, `<span style=color>`, `==highlight==`. */
  | { type: 'keyterm'; children: Inline[] }
  /** A wiki-link; `link` indexes `Note.links`. */
  | { type: 'wikilink'; link: number; text: string }
  /**
   * `![[Other note]]`, `![[Other note#Heading]]`, `![[file.pdf]]`: shown as a box
   * linking to the target (never transcluded); `link` indexes `Note.links`, whose
   * `embed` is true. `text` reads `Other note › Heading`.
   */
  | { type: 'embed'; link: number; text: string }
  /**
   * `![[diagram.png]]`, `![[photo.jpg|300]]` (an attachment: `target` as written,
   * resolved by the app against stored attachments), or `![alt](https://x/y.png)`
   * (`external`: the URL; never loaded, shown as a link).
   */
  | { type: 'image'; target: string; alt: string; width?: number; external?: true }
  /** `[^label]`, a footnote reference: shown raised, not part of the fact's text. */
  | { type: 'footnote'; label: string }
  /** `$x^2$` or `$$x$$`: TeX source, shown as written in a code style. */
  | { type: 'math'; text: string }
  /** A Markdown link to an http(s) or mailto address. */
  | { type: 'extlink'; href: string; children: Inline[] }
  | { type: 'tag'; tag: string }
  | { type: 'br' };

export type WarningCode =
  | 'malformed-link'
  | 'empty-link'
  | 'unresolved-heading'
  | 'unresolved-block'
  | 'heading-path-fallback'
  | 'duplicate-block-id'
  | 'front-matter'
  | 'template-title'
  | 'unsafe-link'
  | 'html-dropped'
  | 'unclosed-comment'
  /** A table row with more cells than its header: the extra cells are not shown. */
  | 'table-row'
  /** A table wider than `MAX_CLOZE_COLUMNS`: its rows are shown whole, cards hide cells of the first columns only. */
  | 'table-wide'
  | 'unsafe-image'
  /** A line read as plain text: the note's markup budget is spent, or the markup nests too deep (its text is all kept). */
  | 'markup-capped'
  /** A note holding more facts, headings and quotes than `MAX_NOTE_PARTS`: the lines past them are not read. */
  | 'note-capped';

/** Something worth telling the author, pointing at a file and a 1-based line. */
export interface ContentWarning {
  file: string;
  line: number;
  code: WarningCode;
  message: string;
}

/** Where a wiki-link points, as written (after comment removal). */
export interface LinkTarget {
  /** Note name; empty for a same-note link such as `[[#heading]]`. */
  note: string;
  /** Heading path segments for `[[note#a#b]]`. */
  headings: string[];
  /** Block id without the caret, for `[[note#^id]]`. */
  block?: string;
}

export type LinkKind = 'note' | 'heading' | 'block' | 'file' | 'empty';

/** Where a link landed inside the vault. */
export interface LinkResolution {
  note: string;
  sectionId?: string;
  factId?: string;
}

export interface Link {
  /** The text between the brackets, as written. */
  raw: string;
  kind: LinkKind;
  target: LinkTarget;
  /** What the reader sees: the alias, else the target. */
  text: string;
  line: number;
  /** Set when the link was repaired from a malformed form. */
  malformed?: string;
  /** `![[...]]`: an embed, shown as a box that links to its target. */
  embed?: true;
  /** Filled by `buildVault`; `null` when the target is not in the vault. */
  resolved: LinkResolution | null;
}

export interface ExternalLink {
  text: string;
  href: string;
  line: number;
}

/**
 * `row` is a table's body row (a fact like any other, read as `first cell —
 * header: cell; header: cell`). `code` and `footnote` lines are never facts to
 * learn: they are kept out of `Note.facts` and `Section.factIds`, in
 * `Section.shown`, with the lines that hold nothing but embeds or images.
 */
export type FactKind = 'bullet' | 'ordered' | 'paragraph' | 'row' | 'code' | 'footnote';

/** A block quote (`> text`) or an Obsidian callout (`> [!warning]- Title`). */
export interface Callout {
  /** Index in `Note.callouts`; `Fact.callout` points here. */
  index: number;
  sectionId: string;
  line: number;
  /** A callout, or a plain block quote (whose `type` is `quote`, `fold` '' and `title` empty). */
  kind: 'callout' | 'quote';
  /** The type as written, lower case: `note`, `warning`, `faq`, `my-own-type`. */
  type: string;
  /** `+`: foldable, starts open; `-`: foldable, starts folded; '': not foldable. */
  fold: '' | '+' | '-';
  /** The title as written after the type; empty when there is none (the type is shown instead). */
  title: Inline[];
  /** The quote this one is nested in (`>>`), or null. */
  parent: number | null;
}

/** A GFM pipe table. Its body rows are facts of kind `row` pointing here. */
export interface NoteTable {
  /** Index in `Note.tables`. */
  index: number;
  sectionId: string;
  line: number;
  header: Inline[][];
  align: ('left' | 'center' | 'right' | null)[];
  /** The callout or quote the table is in, if any. */
  callout?: number;
}

/** One line of knowledge: a list item, a paragraph line or a table row (or a line only shown, see `FactKind`). */
export interface Fact {
  /** Stable: `noteId^blockId` when the line has a block id, else a content hash. */
  id: string;
  noteId: string;
  sectionId: string;
  line: number;
  kind: FactKind;
  /** Nesting depth inside its list, 0 for top level. */
  depth: number;
  parentId: string | null;
  childIds: string[];
  /** Plain display text, comments and markup removed. */
  text: string;
  inline: Inline[];
  blockId?: string;
  keyTerms: string[];
  /** Texts of the ancestor facts, outermost first. */
  context: string[];
  /** Indexes into `Note.links` of the wiki-links on this line. */
  links: number[];
  /** The innermost callout or block quote the line is in: an index into `Note.callouts`. */
  callout?: number;
  /** For a `row`: its table (index into `Note.tables`) and its cells, one per header cell. */
  row?: { table: number; cells: Inline[][] };
  /** For a task list item (`- [ ] x`, `- [x] x`): whether it is done. The box is not part of `text`. */
  task?: 'open' | 'done';
  /** For `code`: the language named after the fence (`math` for `$$`), and the lines as written. */
  code?: { lang: string; text: string };
  /** For `footnote`: the label of `[^label]: text`. */
  footnote?: string;
}

export type SectionRole = 'content' | 'summary' | 'toc' | 'resources' | 'tags';

export interface Section {
  /** Anchor inside the note, unique per note: a slug of the heading path. */
  id: string;
  noteId: string;
  /** 1 for the note's top (H1 or the text before any heading), 2-6 for headings. */
  level: number;
  /** Heading as written, comments included (used for link matching). */
  rawHeading: string;
  /** Heading for display: comments removed, whitespace collapsed. */
  title: string;
  /** Titles of the ancestor sections and this one, note top excluded. */
  path: string[];
  line: number;
  parentId: string | null;
  childIds: string[];
  /** `%% fold %%` in the heading: show the section folded. */
  folded: boolean;
  role: SectionRole;
  blockId?: string;
  /** Ids of the facts directly in this section, in order (all depths). */
  factIds: string[];
  /** Lines of a navigation section (table of contents, resources, tags): shown, but not facts to learn. */
  items?: Fact[];
  /**
   * Lines of a content section that are shown among its facts but are not facts
   * to learn: code blocks, footnote definitions, and lines holding only embeds
   * or images. `line` places them among the facts; `parentId` is the list item
   * they sit under (which does not list them in its `childIds`).
   */
  shown?: Fact[];
}

export interface Note {
  /** The file name without `.md`: what wiki-links use. */
  id: string;
  file: string;
  title: string;
  titleSource: 'h1' | 'front-matter' | 'file-name';
  description: string;
  frontMatter: Record<string, unknown>;
  tags: string[];
  sections: Section[];
  facts: Fact[];
  links: Link[];
  externalLinks: ExternalLink[];
  /** Block id -> fact id or section id it anchors. */
  blocks: Record<string, { factId?: string; sectionId?: string }>;
  /** Facts of the key insights block: the note's summary. */
  summaryFactIds: string[];
  /** Block quotes and callouts, in note order. */
  callouts: Callout[];
  tables: NoteTable[];
}

export interface LinkStats {
  total: number;
  resolved: number;
  blockRefs: number;
  blockRefsResolved: number;
  headingRefs: number;
  headingRefsResolved: number;
}

export interface Vault {
  notes: Note[];
  warnings: ContentWarning[];
  stats: { notes: number; sections: number; facts: number; links: LinkStats };
}
