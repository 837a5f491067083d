import { CONFIDENCES, CONFIDENCE_LABELS, LIKELIHOODS, LIKELIHOOD_LABELS } from '../../../shared/estimative';
import type { Confidence, Likelihood } from '../../../shared/estimative';

type Props = Readonly<{
  itemId: string;
  text: string;
  likelihood: Likelihood;
  confidence: Confidence;
  onChange: (patch: Readonly<{ text?: string; likelihood?: Likelihood; confidence?: Confidence }>) => void;
}>;

const CONFIDENCE_WORDS = /\b(low|moderate|high)[- ]confidence\b|\bconfidence\b/i;

/** A key judgment: one sentence, with a likelihood term and a confidence level kept beside it. */
export function JudgmentBlock({ itemId, text, likelihood, confidence, onChange }: Props) {
  const mixed = CONFIDENCE_WORDS.test(text);
  return (
    <div className="judgment" data-saves-as-typed>
      <textarea
        className="field judgment__text"
        aria-label="Key judgment"
        aria-describedby={mixed ? `judgment-hint-${itemId}` : undefined}
        placeholder="One sentence: what you judge will happen or is true."
        value={text}
        rows={Math.min(6, Math.max(2, Math.ceil(text.length / 44)))}
        maxLength={5000}
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
      {mixed ? (
        <p className="judgment__hint" id={`judgment-hint-${itemId}`}>
          Keep the confidence level out of the sentence: it is printed beside the judgment.
        </p>
      ) : null}
    </div>
  );
}
