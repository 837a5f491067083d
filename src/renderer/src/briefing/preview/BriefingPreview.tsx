import './preview.css';
import { memo, useEffect, useRef, useState } from 'react';
import type { Briefing } from '../../../../shared/dto';
import type { PrintBlock, PrintRun } from '../../../../shared/print-layout';
import type { PreviewUnit, PrintPreview } from '../../../../shared/print-preview';
import { call } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { useQuery } from '../../use-query';
import { useComposerState, type ComposerStore } from '../use-composer';

const SUPERSCRIPT = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
const superscript = (value: number) =>
  String(value)
    .split('')
    .map((digit) => SUPERSCRIPT[Number(digit)] ?? digit)
    .join('');

function Runs({ runs }: { runs: readonly PrintRun[] }) {
  return (
    <>
      {runs.map((run, index) => {
        const className =
          `${run.bold === true ? 'print-bold' : ''}${run.italic === true ? ' print-italic' : ''}`.trim();
        return run.link === undefined ? (
          <span key={index} className={className === '' ? undefined : className}>
            {run.text}
          </span>
        ) : (
          <span key={index} className={`print-link ${className}`.trim()} title={run.link}>
            {run.text}
          </span>
        );
      })}
    </>
  );
}

function Block({ block }: { block: PrintBlock }) {
  if (block.kind === 'paragraph') {
    return (
      <p className="print-paragraph">
        <Runs runs={block.runs} />
      </p>
    );
  }
  if (block.kind === 'list-item') {
    return (
      <p className="print-list-item">
        <span className="print-list-item__marker">{block.marker}</span>
        <span>
          <Runs runs={block.runs} />
        </span>
      </p>
    );
  }
  if (block.kind === 'judgment') {
    return (
      <div className="print-judgment">
        <p className="print-judgment__text">{block.text}</p>
        <p className="print-judgment__qualifier">{block.qualifier}</p>
      </div>
    );
  }
  return (
    <figure className="print-quote">
      <blockquote>
        {block.text}
        {superscript(block.citation)}
      </blockquote>
      <figcaption>— {block.attribution}</figcaption>
    </figure>
  );
}

function UnitView({ unit }: { unit: PreviewUnit }) {
  switch (unit.kind) {
    case 'title':
      return (
        <header className={`print-title${unit.ownPage ? ' print-title--page' : ''}`}>
          <h1>{unit.title}</h1>
          {unit.subtitle === '' ? null : <p className="print-title__subtitle">{unit.subtitle}</p>}
          {unit.byline === '' ? null : <p className="print-title__byline">{unit.byline}</p>}
          {unit.distribution === '' ? null : <p className="print-title__byline">{unit.distribution}</p>}
        </header>
      );
    case 'bluf':
      return (
        <section className="print-bluf">
          <p className="print-bluf__label">BOTTOM LINE UP FRONT</p>
          <p>{unit.text}</p>
        </section>
      );
    case 'heading':
      return unit.level === 1 ? (
        <h2 className="print-heading">{unit.text}</h2>
      ) : (
        <h3 className="print-heading print-heading--sub">{unit.text}</h3>
      );
    case 'list-heading':
      return <h2 className="print-heading print-heading--list">{unit.text}</h2>;
    case 'contents-entry':
      return (
        <p className={`print-contents print-contents--${unit.level}`}>
          <span className="print-contents__text">{unit.text}</span>
          <span className="print-contents__page">{unit.page}</span>
        </p>
      );
    case 'note':
      return (
        <p className="print-note">
          <span className="print-note__number">{unit.number}.</span>
          <span>{unit.text}</span>
        </p>
      );
    case 'entry':
      return (
        <div className="print-entry">
          <p>{unit.text}</p>
          {unit.detail.map((line) => (
            <p key={line} className="print-entry__detail">
              {line}
            </p>
          ))}
        </div>
      );
    case 'footnote':
      return null;
    default:
      return <Block block={unit.block} />;
  }
}

const Page = memo(function Page({
  units,
  preview,
  number,
}: {
  units: readonly PreviewUnit[];
  preview: PrintPreview;
  number: number;
}) {
  const footnotes = units.filter((unit) => unit.kind === 'footnote');
  const count = preview.pages.length;
  return (
    <article
      className="print-page"
      style={{ width: preview.width, minHeight: preview.height }}
      aria-label={`Page ${number} of ${count}`}
    >
      {preview.marking === '' ? null : (
        <p className="print-page__banner print-page__banner--top">{preview.marking}</p>
      )}
      <div className="print-page__content">
        {units.map((unit, index) => (
          <UnitView key={index} unit={unit} />
        ))}
      </div>
      {footnotes.length === 0 ? null : (
        <aside className="print-page__footnotes" aria-label="Footnotes">
          {footnotes.map((note) => (
            <p key={note.number} className="print-note print-note--foot">
              <span className="print-note__number">{note.number}.</span>
              <span>{note.text}</span>
            </p>
          ))}
        </aside>
      )}
      <footer className="print-page__footer">
        <span>{preview.footerTitle}</span>
        <span>
          Page {number} of {count}
        </span>
      </footer>
      {preview.marking === '' ? null : (
        <p className="print-page__banner print-page__banner--bottom">{preview.marking}</p>
      )}
    </article>
  );
});

/**
 * The briefing as it will print. Core lays the pages out with the PDF's own layout (on its layout
 * thread) and says what lands on each page; this only draws them. It follows the draft once
 * saving has paused, so editing never waits for it.
 */
export function BriefingPreview({ store, onClose }: { store: ComposerStore; onClose: () => void }) {
  const { briefing } = useComposerState(store);
  return briefing === undefined ? (
    <section className="pane pane--preview" aria-label="Print preview">
      <EmptyState title="No briefing open">Open a briefing to see its pages.</EmptyState>
    </section>
  ) : (
    <PagedPreview briefing={briefing} onClose={onClose} />
  );
}

/** The value once it has stopped changing for `delay` ms (typing bursts lay the pages out once). */
function useSettled<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

function PagedPreview({ briefing, onClose }: { briefing: Briefing; onClose: () => void }) {
  // The saved briefing is laid out again once saves have paused for a moment.
  const version = useSettled(`${briefing.id}:${briefing.updatedAt}`, 250);
  const briefingId = version.slice(0, version.indexOf(':'));
  const preview = useQuery(() => call('previewBriefing', { briefingId }), `preview:${version}`, {
    keepPrevious: true,
  });
  const [columnWidth, setColumnWidth] = useState(0);
  const frame = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = frame.current;
    if (element === null) return;
    const observer = new ResizeObserver(([entry]) => setColumnWidth(entry?.contentRect.width ?? 0));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const data = preview.data;
  const zoom =
    data === undefined || columnWidth <= 0
      ? 0.7
      : Math.min(1.2, Math.max(0.3, (columnWidth - 32) / data.width));
  const pages = data?.pages.length ?? 0;
  return (
    <section className="pane pane--preview" aria-label="Print preview">
      <header className="pane__header">
        <h2 className="pane__title">
          Preview{data === undefined ? '' : ` · ${pages} ${pages === 1 ? 'page' : 'pages'}`}
        </h2>
        <button
          type="button"
          className="button button--small button--quiet"
          onClick={onClose}
          title="Back to the reader (Ctrl+Shift+P)"
        >
          Close preview
        </button>
      </header>
      <div
        className={`pane__scroll print-preview${preview.loading ? ' is-stale' : ''}`}
        ref={frame}
        aria-busy={preview.loading}
      >
        {preview.error !== null ? (
          <p className="form-error" role="alert">
            The preview could not be laid out: {preview.error}
          </p>
        ) : null}
        {data === undefined ? (
          preview.error === null ? (
            <p className="print-preview__loading">Laying out pages…</p>
          ) : null
        ) : (
          <div className="print-preview__pages" style={{ zoom }}>
            {data.pages.map((units, index) => (
              <Page key={index} units={units} preview={data} number={index + 1} />
            ))}
          </div>
        )}
      </div>
    </section>
  );
}
