import type { BriefingApi, NewBriefingItem } from '../../src/shared/api';
import type { Briefing } from '../../src/shared/dto';
import { LIKELIHOODS } from '../../src/shared/estimative';
import { richTextFromPlain } from '../../src/shared/rich-text';

/**
 * Fills `briefing` with `blocks` blocks spread evenly over its sections: every other one an excerpt
 * (`excerptIdAt(index)`), the rest key judgments and two-paragraph commentary, the same for a given
 * `random` sequence (the composer and scale benchmarks' big briefing).
 */
export async function addBenchBlocks(
  api: Pick<BriefingApi, 'addBriefingItem'>,
  briefing: Pick<Briefing, 'id' | 'sections'>,
  blocks: number,
  random: () => number,
  excerptIdAt: (index: number) => string,
): Promise<void> {
  const sections = briefing.sections.map((section) => section.id);
  for (let index = 0; index < blocks; index += 1) {
    const kind = index % 2 === 0 ? 'excerpt' : index % 5 === 1 ? 'judgment' : 'commentary';
    const item: NewBriefingItem =
      kind === 'excerpt'
        ? { kind, excerptId: excerptIdAt(index) }
        : kind === 'judgment'
          ? {
              kind,
              text: `Judgment ${index}: the corridor stays open through the next quarter.`,
              likelihood: LIKELIHOODS[Math.floor(random() * LIKELIHOODS.length)] ?? 'likely',
              confidence: 'moderate',
            }
          : {
              kind,
              rich: richTextFromPlain(
                `Commentary ${index}. Insurers price memory as much as risk, and the premiums show it. ` +
                  'A second sentence keeps the paragraph at a realistic length for a briefing.\n\n' +
                  'A second paragraph notes what would change the judgment.',
              ),
            };
    await api.addBriefingItem({
      briefingId: briefing.id,
      sectionId: sections[Math.min(sections.length - 1, Math.floor(index / (blocks / sections.length)))],
      item,
    });
  }
}
