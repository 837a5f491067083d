import type { Briefing, BriefingSummary, ExportResult } from '../../../shared/dto';
import { EmptyState } from '../components/EmptyState';
import { ErrorNote } from '../components/ErrorNote';
import { BriefingView } from './BriefingView';
import { ExportBar } from './ExportBar';
import { NewBriefingForm } from './NewBriefingForm';

type Props = Readonly<{
  briefings: readonly BriefingSummary[];
  briefing: Briefing | undefined;
  error: string | null;
  busy: boolean;
  exportResult: ExportResult | null;
  onSelect: (briefingId: string) => void;
  onCreate: (title: string) => Promise<void>;
  onExport: () => void;
  onReveal: (exportId: string) => void;
  onDismissError: () => void;
}>;

export function BriefingPane(props: Props) {
  const { briefings, briefing } = props;
  return (
    <section className="pane pane--briefing" aria-label="Briefing">
      <header className="pane__header">
        <h2 className="pane__title">Briefing</h2>
        {briefings.length > 1 ? (
          <select
            className="field field--compact"
            aria-label="Open briefing"
            value={briefing?.id ?? ''}
            onChange={(event) => props.onSelect(event.target.value)}
          >
            {briefings.map((summary) => (
              <option key={summary.id} value={summary.id}>
                {summary.title}
              </option>
            ))}
          </select>
        ) : null}
      </header>
      {props.error === null ? null : <ErrorNote message={props.error} onDismiss={props.onDismissError} />}
      <div className="pane__scroll">
        {briefing === undefined ? (
          <EmptyState title="No briefing open">Create one below, then add excerpts to it.</EmptyState>
        ) : (
          <BriefingView briefing={briefing} />
        )}
        <NewBriefingForm onCreate={props.onCreate} busy={props.busy} />
      </div>
      {briefing === undefined ? null : (
        <ExportBar
          busy={props.busy}
          result={props.exportResult}
          onExport={props.onExport}
          onReveal={props.onReveal}
        />
      )}
    </section>
  );
}
