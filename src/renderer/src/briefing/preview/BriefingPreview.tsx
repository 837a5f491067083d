import './preview.css';
import { memo, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { Briefing } from '../../../../shared/dto';
import {
  layoutBriefing,
  type PrintBlock,
  type PrintModel,
  type PrintRun,
} from '../../../../shared/print-layout';
import { EmptyState } from '../../components/EmptyState';
import { useComposerState, type ComposerStore } from '../use-composer';
import { PAGE, paginate, printUnits, type Measure, type Unit } from './paginate';

const SUPERSCRIPT = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
const superscript = (value: number) =>
  String(value)
    .split('')
    .map((digit) => SUPERSCRIPT[Number(digit)] ?? digit)
    .join('');

function canvasMeasure(): Measure {
  const context = document.createElement('canvas').getContext('2d');
  const cache = new Map<string, number>();
  return (text, font) => {
    if (context === null) return text.length * 6;
    const key = `${font}\u0000${text}`;
    let width = cache.get(key);
    if (width === undefined) {
      context.font = font;
      width = context.measureText(text).width;
      if (cache.size > 50_000) cache.clear();
      cache.set(key, width);
    }
    return width;
  };
}

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

function UnitView({ unit, model }: { unit: Unit; model: PrintModel }) {
  switch (unit.kind) {
    case 'title':
      return (
        <header className="print-title">
          <h1>{model.title}</h1>
          {model.subtitle === '' ? null : <p className="print-title__subtitle">{model.subtitle}</p>}
          {model.byline === '' ? null : <p className="print-title__byline">{model.byline}</p>}
          {model.distribution === '' ? null : <p className="print-title__byline">{model.distribution}</p>}
        </header>
      );
    case 'bluf':
      return (
        <section className="print-bluf">
          <p className="print-bluf__label">BOTTOM LINE UP FRONT</p>
          <p>{model.bluf}</p>
        </section>
      );
    case 'heading':
      return unit.level === 1 ? (
        <h2 className="print-heading">{unit.text}</h2>
      ) : (
        <h3 className="print-heading print-heading--sub">{unit.text}</h3>
      );
    case 'notes-heading':
      return <h2 className="print-heading">Notes</h2>;
    case 'note':
      return (
        <p className="print-note">
          <span className="print-note__number">{unit.number}.</span>
          <span>{unit.text}</span>
        </p>
      );
    default:
      return <Block block={unit.block} />;
  }
}

const Page = memo(function Page({
  units,
  model,
  number,
  count,
}: {
  units: Unit[];
  model: PrintModel;
  number: number;
  count: number;
}) {
  const shortTitle = model.title.length > 70 ? `${model.title.slice(0, 67).trimEnd()}…` : model.title;
  return (
    <article className="print-page" aria-label={`Page ${number} of ${count}`}>
      {model.marking === '' ? null : (
        <p className="print-page__banner print-page__banner--top">{model.marking}</p>
      )}
      <div className="print-page__content">
        {units.map((unit) => (
          <UnitView key={unit.key} unit={unit} model={model} />
        ))}
      </div>
      <footer className="print-page__footer">
        <span>{shortTitle}</span>
        <span>
          Page {number} of {count}
        </span>
      </footer>
      {model.marking === '' ? null : (
        <p className="print-page__banner print-page__banner--bottom">{model.marking}</p>
      )}
    </article>
  );
});

/**
 * The briefing as it will print: the same layout as the PDF export (A4, its type sizes, citation
 * numbers, marking banners, page numbers), broken into pages. It follows the draft at a lower
 * priority than typing (a deferred value), so editing never waits for it.
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
  // Pages are laid out again after a pause in typing, and at a lower priority than the typing.
  const deferred = useDeferredValue(useSettled(briefing, 250));
  const [fontsReady, setFontsReady] = useState(false);
  const [zoom, setZoom] = useState(0.7);
  const frame = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let live = true;
    void Promise.all([
      document.fonts.load('11px "Briefing Print"'),
      document.fonts.load('bold 11px "Briefing Print"'),
    ]).finally(() => {
      if (live) setFontsReady(true);
    });
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    const element = frame.current;
    if (element === null) return;
    const observer = new ResizeObserver(([entry]) => {
      const width = entry?.contentRect.width ?? 0;
      if (width > 0) setZoom(Math.min(1.2, Math.max(0.3, (width - 32) / PAGE.width)));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  // A new measurer (with an empty cache) once the print font has loaded.
  const measure = useMemo(() => (fontsReady ? canvasMeasure() : canvasMeasure()), [fontsReady]);
  const model = useMemo(() => layoutBriefing(deferred), [deferred]);
  const pages = useMemo(() => paginate(printUnits(model, measure)), [model, measure]);
  return (
    <section className="pane pane--preview" aria-label="Print preview">
      <header className="pane__header">
        <h2 className="pane__title">
          Preview · {pages.length} {pages.length === 1 ? 'page' : 'pages'}
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
      <div className="pane__scroll print-preview" ref={frame}>
        <div className="print-preview__pages" style={{ zoom }}>
          {pages.map((units, index) => (
            <Page key={index} units={units} model={model} number={index + 1} count={pages.length} />
          ))}
        </div>
      </div>
    </section>
  );
}
