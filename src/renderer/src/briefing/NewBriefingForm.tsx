import { useState, type FormEvent } from 'react';

export function NewBriefingForm({
  onCreate,
  busy,
}: {
  onCreate: (title: string) => Promise<void>;
  busy: boolean;
}) {
  const [title, setTitle] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = title.trim();
    if (trimmed === '') return;
    void onCreate(trimmed).then(() => setTitle(''));
  };
  return (
    <form className="new-briefing" onSubmit={submit} aria-label="New briefing">
      <label className="field-label" htmlFor="new-briefing-title">
        New briefing
      </label>
      <div className="new-briefing__row">
        <input
          id="new-briefing-title"
          className="field"
          placeholder="Title, e.g. Red Sea shipping outlook"
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          maxLength={500}
        />
        <button type="submit" className="button" disabled={busy || title.trim() === ''}>
          Create
        </button>
      </div>
    </form>
  );
}
