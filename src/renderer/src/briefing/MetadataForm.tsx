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
      <label className="metadata-form__field">
        <span className="field-label">Citation style</span>
        <select
          className="field"
          value={briefing.citationStyle}
          onChange={(event) =>
            onChange({ citationStyle: event.target.value === 'short' ? 'short' : 'chicago' })
          }
        >
          <option value="chicago">Chicago notes (full)</option>
          <option value="short">Short form</option>
        </select>
      </label>
      <label className="metadata-form__field">
        <span className="field-label">A source cited again</span>
        <select
          className="field"
          value={briefing.repeatCitations}
          onChange={(event) =>
            onChange({ repeatCitations: event.target.value === 'ibid' ? 'ibid' : 'reuse' })
          }
        >
          <option value="reuse">Keeps its number</option>
          <option value="ibid">New note (Ibid. / short note)</option>
        </select>
      </label>
      <PrintSettingsFields
        key={briefing.id}
        settings={briefing.printSettings}
        onChange={(printSettings) => onChange({ printSettings })}
      />
    </div>
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
      <label className="metadata-form__field">
        <span className="field-label">Paper</span>
        <select
          className="field"
          value={settings.pageSize}
          onChange={(event) => onChange({ pageSize: event.target.value === 'Letter' ? 'Letter' : 'A4' })}
        >
          <option value="A4">A4</option>
          <option value="Letter">US Letter</option>
        </select>
      </label>
      <label className="metadata-form__field">
        <span className="field-label">Contents</span>
        <select
          className="field"
          value={settings.contents}
          onChange={(event) =>
            onChange({
              contents:
                event.target.value === 'always'
                  ? 'always'
                  : event.target.value === 'never'
                    ? 'never'
                    : 'auto',
            })
          }
        >
          <option value="auto">With four or more sections</option>
          <option value="always">Always</option>
          <option value="never">Never</option>
        </select>
      </label>
      <label className="metadata-form__field">
        <span className="field-label">Notes</span>
        <select
          className="field"
          value={settings.notes}
          onChange={(event) =>
            onChange({ notes: event.target.value === 'footnotes' ? 'footnotes' : 'endnotes' })
          }
        >
          <option value="endnotes">Endnotes, after the text</option>
          <option value="footnotes">Footnotes, on the page</option>
        </select>
      </label>
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
