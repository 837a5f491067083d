/** How a briefing prints: kept with the briefing, used by the PDF, Word and the preview alike. */
export type PrintSettings = Readonly<{
  pageSize: 'A4' | 'Letter';
  /** A page of its own with the title, subtitle, author, date and distribution line. */
  titlePage: boolean;
  /** A table of contents: 'auto' prints one when the briefing has four or more printed sections. */
  contents: 'auto' | 'always' | 'never';
  /** Citations as endnotes (a Notes list at the end) or as footnotes on the page that cites them. */
  notes: 'endnotes' | 'footnotes';
  /** An appendix listing every source with the SHA-256 of its file and the date it was taken. */
  sourceAppendix: boolean;
  /** BCP 47 tag of the briefing's main language (the PDF's /Lang, Word's proofing language). */
  language: string;
}>;

export const DEFAULT_PRINT_SETTINGS: PrintSettings = {
  pageSize: 'A4',
  titlePage: true,
  contents: 'auto',
  notes: 'endnotes',
  sourceAppendix: false,
  language: 'en',
};

/** Briefings from the short templates print without a title page (they are a page or two). */
export function defaultPrintSettingsFor(template: string): PrintSettings {
  return template === 'bluf' || template === 'daily-brief'
    ? { ...DEFAULT_PRINT_SETTINGS, titlePage: false }
    : DEFAULT_PRINT_SETTINGS;
}

const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export function isLanguageTag(value: string): boolean {
  return value.length <= 35 && LANGUAGE_TAG.test(value);
}

/**
 * Settings read from storage or a file: every field that is missing or not valid takes its
 * default, so an old or damaged value never stops a briefing from opening or printing.
 */
export function normalisePrintSettings(
  value: unknown,
  defaults: PrintSettings = DEFAULT_PRINT_SETTINGS,
): PrintSettings {
  const input = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const pick = <T>(key: string, ok: (candidate: unknown) => candidate is T, fallback: T): T =>
    ok(input[key]) ? input[key] : fallback;
  return {
    pageSize: pick('pageSize', (v): v is 'A4' | 'Letter' => v === 'A4' || v === 'Letter', defaults.pageSize),
    titlePage: pick('titlePage', (v): v is boolean => typeof v === 'boolean', defaults.titlePage),
    contents: pick(
      'contents',
      (v): v is PrintSettings['contents'] => v === 'auto' || v === 'always' || v === 'never',
      defaults.contents,
    ),
    notes: pick(
      'notes',
      (v): v is PrintSettings['notes'] => v === 'endnotes' || v === 'footnotes',
      defaults.notes,
    ),
    sourceAppendix: pick(
      'sourceAppendix',
      (v): v is boolean => typeof v === 'boolean',
      defaults.sourceAppendix,
    ),
    language: pick(
      'language',
      (v): v is string => typeof v === 'string' && isLanguageTag(v),
      defaults.language,
    ),
  };
}

/** Whether a table of contents prints for a briefing with `sections` printed sections. */
export function printsContents(settings: PrintSettings, sections: number): boolean {
  if (settings.contents === 'never') return false;
  return settings.contents === 'always' ? sections > 0 : sections >= 4;
}
