/**
 * Estimative language after US ICD 203: one set of likelihood terms with their probability ranges,
 * and a confidence level kept apart from the likelihood (never in the same sentence).
 */
export const LIKELIHOODS = [
  'almost-no-chance',
  'very-unlikely',
  'unlikely',
  'roughly-even-chance',
  'likely',
  'very-likely',
  'almost-certain',
] as const;
export type Likelihood = (typeof LIKELIHOODS)[number];

export const CONFIDENCES = ['low', 'moderate', 'high'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export const LIKELIHOOD_LABELS: Readonly<Record<Likelihood, { term: string; range: string }>> = {
  'almost-no-chance': { term: 'almost no chance', range: '1–5%' },
  'very-unlikely': { term: 'very unlikely', range: '5–20%' },
  unlikely: { term: 'unlikely', range: '20–45%' },
  'roughly-even-chance': { term: 'roughly even chance', range: '45–55%' },
  likely: { term: 'likely', range: '55–80%' },
  'very-likely': { term: 'very likely', range: '80–95%' },
  'almost-certain': { term: 'almost certain', range: '95–99%' },
};

export const CONFIDENCE_LABELS: Readonly<Record<Confidence, string>> = {
  low: 'low confidence',
  moderate: 'moderate confidence',
  high: 'high confidence',
};

/** The line printed under a key judgment: "Likely (55–80%) · moderate confidence". */
export function judgmentQualifier(likelihood: Likelihood, confidence: Confidence): string {
  const { term, range } = LIKELIHOOD_LABELS[likelihood];
  return `${term.charAt(0).toUpperCase()}${term.slice(1)} (${range}) · ${CONFIDENCE_LABELS[confidence]}`;
}
