import { useState, type FormEvent } from 'react';
import type { DocumentDetail, DocumentMetadataInput } from '../../../shared/dto';
import { errorMessage } from '../api';
import { ErrorNote } from '../components/ErrorNote';

type Props = Readonly<{
  document: DocumentDetail;
  onSave: (metadata: DocumentMetadataInput) => Promise<void>;
  onClose: () => void;
}>;

const FIELDS = [
  { key: 'title', label: 'Title', placeholder: '' },
  { key: 'author', label: 'Author', placeholder: 'e.g. Jane Analyst' },
  { key: 'outlet', label: 'Outlet', placeholder: 'e.g. Meridian Review' },
  { key: 'publishedAt', label: 'Published', placeholder: 'YYYY-MM-DD' },
  { key: 'url', label: 'URL', placeholder: 'https://…' },
  { key: 'language', label: 'Language', placeholder: 'e.g. en' },
] as const;

type FieldKey = (typeof FIELDS)[number]['key'];

/** Edits a document's citation details; the document's text is never touched. */
export function MetadataEditor({ document, onSave, onClose }: Props) {
  const [values, setValues] = useState<Record<FieldKey, string>>({
    title: document.title,
    author: document.author ?? '',
    outlet: document.outlet ?? '',
    publishedAt: document.publishedAt ?? '',
    url: document.url ?? '',
    language: document.language ?? '',
  });
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const optional = (value: string) => (value.trim() === '' ? null : value.trim());

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    onSave({
      documentId: document.id,
      title: values.title,
      author: optional(values.author),
      outlet: optional(values.outlet),
      publishedAt: optional(values.publishedAt),
      url: optional(values.url),
      language: optional(values.language),
    })
      .then(onClose)
      .catch((reason: unknown) => setError(errorMessage(reason)))
      .finally(() => setSaving(false));
  };

  return (
    <form
      className="metadata-editor"
      aria-label="Document details"
      onSubmit={submit}
      onKeyDown={(event) => event.key === 'Escape' && onClose()}
    >
      <p className="metadata-editor__hint">
        Citations use these details. The document’s text stays exactly as imported.
      </p>
      <div className="metadata-editor__grid">
        {FIELDS.map((field) => (
          <label key={field.key} className="metadata-editor__field">
            <span className="field-label">{field.label}</span>
            <input
              className="field"
              value={values[field.key]}
              placeholder={field.placeholder}
              required={field.key === 'title'}
              onChange={(event) =>
                setValues((previous) => ({ ...previous, [field.key]: event.target.value }))
              }
            />
          </label>
        ))}
      </div>
      {error === null ? null : <ErrorNote message={error} />}
      <div className="metadata-editor__actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={saving}>
          Save details
        </button>
      </div>
    </form>
  );
}
