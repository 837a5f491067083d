import { useMemo } from 'react';
import { planCitations, type CitationPlan } from '../../../shared/citations';
import type { Briefing } from '../../../shared/dto';

/** Citation numbers for the briefing as it stands, in reading order, with its chosen style. */
export function briefingCitations(briefing: Briefing): CitationPlan {
  const cited = briefing.sections.flatMap((section) =>
    section.items.flatMap((item) =>
      item.kind === 'excerpt' ? [{ itemId: item.id, source: item.attribution }] : [],
    ),
  );
  return planCitations(cited, { style: briefing.citationStyle, repeat: briefing.repeatCitations });
}

/**
 * The same plan object for as long as what it depends on is the same (the excerpts' order, their
 * sources and the style), so typing in a commentary block does not re-render every section.
 */
export function useStableCitations(briefing: Briefing): CitationPlan {
  const key = JSON.stringify([
    briefing.citationStyle,
    briefing.repeatCitations,
    briefing.sections.flatMap((section) =>
      section.items.flatMap((item) => (item.kind === 'excerpt' ? [item.id, item.attribution] : [])),
    ),
  ]);
  // `key` says when the plan changes; the briefing read inside is the one that produced the key.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => briefingCitations(briefing), [key]);
}
