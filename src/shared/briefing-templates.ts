/**
 * Templates only create sections with guidance text (shown in an empty section and never printed);
 * everything they create stays editable. See shared/docs/briefing-conventions.md.
 */
export type TemplateSection = Readonly<{ heading: string; level: 1 | 2; guidance: string }>;
export type BriefingTemplate = Readonly<{
  id: string;
  name: string;
  description: string;
  sections: readonly TemplateSection[];
  /** Where an excerpt added without a section goes: the section that holds the evidence. */
  evidenceSection: string;
}>;

const section = (heading: string, guidance: string, level: 1 | 2 = 1): TemplateSection => ({
  heading,
  level,
  guidance,
});

export const BRIEFING_TEMPLATES: readonly BriefingTemplate[] = [
  {
    id: 'bluf',
    name: 'BLUF note',
    description: 'Bottom line up front, then key judgments, discussion, outlook and sources.',
    evidenceSection: 'Discussion',
    sections: [
      section(
        'Bottom line',
        'One or two sentences: the conclusion or recommendation the reader must take away.',
      ),
      section(
        'Key judgments',
        'Each judgment in one sentence, with a likelihood term and, separately, a confidence level.',
      ),
      section(
        'Discussion',
        'The evidence: quoted excerpts with their attribution, and your commentary on them.',
      ),
      section('Outlook', 'What happens next, and the indicators that would change the judgment.'),
      section('Sources', 'A short statement on the sources: their quality, scope and any gaps.'),
    ],
  },
  {
    id: 'daily-brief',
    name: 'Daily brief item',
    description: 'About one page: the title is the topic sentence; assessment, evidence, other views.',
    evidenceSection: 'Evidence',
    sections: [
      section('Assessment', 'Your judgment first, in plain words. Keep facts apart from judgments.'),
      section('Evidence', 'The facts and quotes that support the assessment.'),
      section('Other views', 'Dissenting or alternative readings, and why you weigh them as you do.'),
    ],
  },
  {
    id: 'policy-brief',
    name: 'Policy brief',
    description: 'Summary, background, options and a recommendation, for two to four pages.',
    evidenceSection: 'Background',
    sections: [
      section('Summary', 'The problem and your recommendation in a short paragraph.'),
      section('Background', 'What the reader needs to know to weigh the options.'),
      section('Options', 'Each option with its costs, benefits and risks.'),
      section('Recommendation', 'The option you recommend and what it would take.'),
    ],
  },
];

export function findTemplate(id: string): BriefingTemplate | undefined {
  return BRIEFING_TEMPLATES.find((template) => template.id === id);
}
