/** The print layout is pure and shared with the renderer's preview, so both show the same thing. */
export { appendixDetails, layoutBriefing, runsText } from '../../shared/print-layout';
export type { PrintBlock, PrintModel, PrintNote, PrintRun, PrintSection } from '../../shared/print-layout';
