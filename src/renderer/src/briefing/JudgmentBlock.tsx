import { useRef } from 'react';
import { CONFIDENCES, CONFIDENCE_LABELS, LIKELIHOODS, LIKELIHOOD_LABELS } from '../../../shared/estimative';
import type { Confidence, Likelihood } from '../../../shared/estimative';
import { useLiveNearView } from './use-live-near-view';

type Props = Readonly<{
  itemId: string;
  text: string;
  likelihood: Likelihood;
  confidence: Confidence;
  onChange: (patch: Readonly<{ text?: string; likelihood?: Likelihood; confidence?: Confidence }>) => void;
}>;

const CONFIDENCE_WORDS = /\b(low|moderate|high)[- ]confidence\b|\bconfidence\b/i;
const PLACEHOLDER = 'One sentence: what you judge will happen or is true.';

/**
 * A key judgment: one sentence, with a likelihood term and a confidence level kept beside it.
 * Like a commentary block, its fields are built only when the block comes near the view or takes
 * the focus: a long briefing opens without a text area and two menus for every judgment (form
 * fields cost the most to create, and each one is laid out even inside a block that is off screen).
 * Until then the same values are shown as they read, the sentence as a focusable text box that
 * becomes the text area when focused.
 */
export function JudgmentBlock(props: Props) {
  const { live, setLive, ref: staticRef } = useLiveNearView();

  if (live !== 'no') return <JudgmentFields {...props} autoFocus={live === 'focus'} />;
  const { itemId, text, likelihood, confidence } = props;
  const mixed = CONFIDENCE_WORDS.test(text);
  return (
    <div className="judgment judgment--static" ref={staticRef}>
      <div
        className={`field judgment__text judgment__text--static${text === '' ? ' judgment__text--empty' : ''}`}
        role="textbox"
        aria-multiline="true"
        aria-label="Key judgment"
        aria-describedby={mixed ? `judgment-hint-${itemId}` : undefined}
        data-placeholder={PLACEHOLDER}
        tabIndex={0}
        style={{
          minHeight: `calc(${Math.min(6, Math.max(2, Math.ceil(text.length / 44))) * 1.45}em + 14px)`,
        }}
        onFocus={() => setLive('focus')}
        onMouseDown={() => setLive('focus')}
      >
        {text}
      </div>
      <div className="judgment__qualifiers" onMouseDown={() => setLive('yes')}>
        <span className="judgment__field">
          <span className="field-label">Likelihood</span>
          <span className="field field--compact judgment__value">
            {LIKELIHOOD_LABELS[likelihood].term} ({LIKELIHOOD_LABELS[likelihood].range})
          </span>
        </span>
        <span className="judgment__field">
          <span className="field-label">Confidence</span>
          <span className="field field--compact judgment__value">{CONFIDENCE_LABELS[confidence]}</span>
        </span>
      </div>
      {mixed ? <JudgmentHint itemId={itemId} /> : null}
    </div>
  );
}

function JudgmentHint({ itemId }: Readonly<{ itemId: string }>) {
  return (
    <p className="judgment__hint" id={`judgment-hint-${itemId}`}>
      Keep the confidence level out of the sentence: it is printed beside the judgment.
    </p>
  );
}

/** The judgment's own fields: the sentence, its likelihood and its confidence. */
function JudgmentFields({
  itemId,
  text,
  likelihood,
  confidence,
  onChange,
  autoFocus,
}: Props & Readonly<{ autoFocus: boolean }>) {
  const mixed = CONFIDENCE_WORDS.test(text);
  const caretPlaced = useRef(!autoFocus);
  return (
    <div className="judgment" data-saves-as-typed>
      <textarea
        className="field judgment__text"
        aria-label="Key judgment"
        aria-describedby={mixed ? `judgment-hint-${itemId}` : undefined}
        placeholder={PLACEHOLDER}
        value={text}
        rows={Math.min(6, Math.max(2, Math.ceil(text.length / 44)))}
        maxLength={5000}
        autoFocus={autoFocus}
        // Focused from its stand-in, the caret goes to the end of the sentence.
        onFocus={(event) => {
          if (caretPlaced.current) return;
          caretPlaced.current = true;
          const end = event.currentTarget.value.length;
          event.currentTarget.setSelectionRange(end, end);
        }}
        onChange={(event) => onChange({ text: event.target.value })}
      />
      <div className="judgment__qualifiers">
        <label className="judgment__field">
          <span className="field-label">Likelihood</span>
          <select
            className="field field--compact"
            value={likelihood}
            onChange={(event) => onChange({ likelihood: event.target.value as Likelihood })}
          >
            {LIKELIHOODS.map((value) => (
              <option key={value} value={value}>
                {LIKELIHOOD_LABELS[value].term} ({LIKELIHOOD_LABELS[value].range})
              </option>
            ))}
          </select>
        </label>
        <label className="judgment__field">
          <span className="field-label">Confidence</span>
          <select
            className="field field--compact"
            value={confidence}
            onChange={(event) => onChange({ confidence: event.target.value as Confidence })}
          >
            {CONFIDENCES.map((value) => (
              <option key={value} value={value}>
                {CONFIDENCE_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {mixed ? <JudgmentHint itemId={itemId} /> : null}
    </div>
  );
}
