import type { BriefingMetadataInput } from '../../../shared/api';
import type { Briefing } from '../../../shared/dto';
import { isLanguageTag, type PrintSettings } from '../../../shared/print-settings';

export const MARKING_CHOICES = [
  'UNCLASSIFIED',
  'CUI',
  'TLP:CLEAR',
  'TLP:GREEN',
  'TLP:AMBER',
  'TLP:AMBER+STRICT',
  'TLP:RED',
] as const;

type Props = Readonly<{
  briefing: Briefing;
  onChange: (patch: Omit<BriefingMetadataInput, 'briefingId'>) => void;
}>;

/** The briefing's own fields; each change is saved as it is typed (one undo step per field). */
export function MetadataForm({ briefing, onChange }: Props) {
  return (
    <div className="metadata-form" data-saves-as-typed>
      <label className="metadata-form__field metadata-form__field--wide">
        <span className="field-label">Title</span>
        <input
          className="field"
          value={briefing.title}
          maxLength={500}
          onChange={(event) => event.target.value.trim() !== '' && onChange({ title: event.target.value })}
        />
      </label>
      <label className="metadata-form__field metadata-form__field--wide">
        <span className="field-label">Subtitle</span>
        <input
          className="field"
          value={briefing.subtitle}
          maxLength={1000}
          onChange={(event) => onChange({ subtitle: event.target.value })}
        />
      </label>
      <label className="metadata-form__field">
        <span className="field-label">Author or organisation</span>
        <input
          className="field"
          value={briefing.author}
          maxLength={500}
          onChange={(event) => onChange({ author: event.target.value })}
        />
      </label>
      <label className="metadata-form__field">
        <span className="field-label">Date</span>
        <input
          className="field"
          type="date"
          value={briefing.date}
          onChange={(event) =>
            /^\d{4}-\d{2}-\d{2}$/.test(event.target.value) && onChange({ date: event.target.value })
          }
        />
      </label>
      <label className="metadata-form__field metadata-form__field--wide">
        <span className="field-label">Recipients or distribution</span>
        <input
          className="field"
          value={briefing.recipients}
          maxLength={2000}
          placeholder="e.g. Policy Planning Staff; regional desks"
          onChange={(event) => onChange({ recipients: event.target.value })}
        />
      </label>
      <div className="metadata-form__field metadata-form__field--wide">
        <label className="field-label" htmlFor="briefing-marking">
          Handling marking (printed as a banner on every page)
        </label>
        <input
          id="briefing-marking"
          className="field"
          value={briefing.marking}
          maxLength={200}
          placeholder="None"
          onChange={(event) => onChange({ marking: event.target.value })}
        />
        <div className="marking-choices" role="group" aria-label="Marking quick choices">
          {MARKING_CHOICES.map((choice) => (
            <button
              key={choice}
              type="button"
              className={`chip${briefing.marking === choice ? ' chip--active' : ''}`}
              aria-pressed={briefing.marking === choice}
              onClick={() => onChange({ marking: briefing.marking === choice ? '' : choice })}
            >
              {choice}
            </button>
          ))}
        </div>
      </div>
      <label className="metadata-form__field metadata-form__field--wide">
        <span className="field-label">Bottom line up front</span>
        <textarea
          className="field"
          rows={3}
          value={briefing.bluf}
          maxLength={20000}
          placeholder="The conclusion the reader must take away, in one or two sentences."
          onChange={(event) => onChange({ bluf: event.target.value })}
        />
      </label>
      <Choice
        label="Citation style"
        value={briefing.citationStyle}
        options={[
          ['chicago', 'Chicago notes (full)'],
          ['short', 'Short form'],
        ]}
        onChange={(citationStyle) => onChange({ citationStyle })}
      />
      <Choice
        label="A source cited again"
        value={briefing.repeatCitations}
        options={[
          ['reuse', 'Keeps its number'],
          ['ibid', 'New note (Ibid. / short note)'],
        ]}
        onChange={(repeatCitations) => onChange({ repeatCitations })}
      />
      <PrintSettingsFields
        key={briefing.id}
        settings={briefing.printSettings}
        onChange={(printSettings) => onChange({ printSettings })}
      />
    </div>
  );
}

/** A labelled drop-down whose value is one of `options` (never anything else). */
function Choice<T extends string>({
  label,
  value,
  options,
  onChange,
}: Readonly<{
  label: string;
  value: T;
  options: readonly (readonly [T, string])[];
  onChange: (value: T) => void;
}>) {
  return (
    <label className="metadata-form__field">
      <span className="field-label">{label}</span>
      <select
        className="field"
        value={value}
        onChange={(event) => {
          const chosen = options.find(([option]) => option === event.target.value);
          if (chosen !== undefined) onChange(chosen[0]);
        }}
      >
        {options.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/** How the briefing prints: the PDF, the Word document and the preview all follow these. */
function PrintSettingsFields({
  settings,
  onChange,
}: Readonly<{ settings: PrintSettings; onChange: (patch: Partial<PrintSettings>) => void }>) {
  return (
    <fieldset className="metadata-form__group metadata-form__field--wide">
      <legend className="field-label">Printing</legend>
      <Choice
        label="Paper"
        value={settings.pageSize}
        options={[
          ['A4', 'A4'],
          ['Letter', 'US Letter'],
        ]}
        onChange={(pageSize) => onChange({ pageSize })}
      />
      <Choice
        label="Contents"
        value={settings.contents}
        options={[
          ['auto', 'With four or more sections'],
          ['always', 'Always'],
          ['never', 'Never'],
        ]}
        onChange={(contents) => onChange({ contents })}
      />
      <Choice
        label="Notes"
        value={settings.notes}
        options={[
          ['endnotes', 'Endnotes, after the text'],
          ['footnotes', 'Footnotes, on the page'],
        ]}
        onChange={(notes) => onChange({ notes })}
      />
      <label className="metadata-form__field">
        <span className="field-label">Language</span>
        <input
          className="field"
          defaultValue={settings.language}
          maxLength={35}
          spellCheck={false}
          placeholder="en"
          title="The document's language, as a tag such as en, en-GB, fr or ar"
          onChange={(event) =>
            isLanguageTag(event.target.value) && onChange({ language: event.target.value })
          }
        />
      </label>
      <label className="metadata-form__check">
        <input
          type="checkbox"
          checked={settings.titlePage}
          onChange={(event) => onChange({ titlePage: event.target.checked })}
        />
        Title page
      </label>
      <label className="metadata-form__check">
        <input
          type="checkbox"
          checked={settings.sourceAppendix}
          onChange={(event) => onChange({ sourceAppendix: event.target.checked })}
        />
        Appendix of sources with SHA-256 and access date
      </label>
    </fieldset>
  );
}
