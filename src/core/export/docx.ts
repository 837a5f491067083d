import { documentBody } from './docx-body';
import { noteModeFor } from './docx-citations';
import {
  appXml,
  contentTypesXml,
  coreXml,
  documentRelsXml,
  endnotesXml,
  footerXml,
  headerXml,
  packageRelsXml,
  settingsXml,
} from './docx-parts';
import { numberingXml, stylesXml } from './docx-styles';
import { XML_DECLARATION } from './docx-xml';
import type { PrintSettings } from '../../shared/print-settings';
import type { PrintModel } from './layout';
import { writeZip } from './zip-writer';

export type DocxOptions = Readonly<{
  /** Fixed creation date (docProps/core.xml) for reproducible output; defaults to now. */
  creationDate?: Date | undefined;
  /** The document's author (dc:creator); left out when empty. */
  author?: string | null | undefined;
  /** Title page, contents and footnotes or endnotes, as for the PDF. */
  settings?: Partial<PrintSettings> | undefined;
}>;

/**
 * Writes a laid-out briefing as a Word document (.docx): Title, heading, Quote and Judgment styles;
 * citations as real endnotes; the marking banner in the header and footer of every page with
 * "Page X of Y"; commentary links as external hyperlinks; right-to-left paragraphs marked as such.
 * With a fixed creationDate the same model always gives byte-identical files.
 */
export function docxFromModel(model: PrintModel, options: DocxOptions = {}): Buffer {
  const mode = noteModeFor(model);
  const body = documentBody(model, mode);
  const given = options.creationDate;
  const created = given === undefined || Number.isNaN(given.getTime()) ? new Date() : given;
  return writeZip([
    // [Content_Types].xml first, as Word and most OPC readers write it.
    { name: '[Content_Types].xml', data: contentTypesXml() },
    { name: '_rels/.rels', data: packageRelsXml() },
    { name: 'word/document.xml', data: XML_DECLARATION + body.xml },
    { name: 'word/_rels/document.xml.rels', data: documentRelsXml(body.hyperlinks) },
    { name: 'word/styles.xml', data: stylesXml() },
    { name: 'word/settings.xml', data: settingsXml() },
    { name: 'word/numbering.xml', data: numberingXml(body.orderedLists) },
    { name: 'word/endnotes.xml', data: endnotesXml(model, mode) },
    { name: 'word/header1.xml', data: headerXml(model) },
    { name: 'word/footer1.xml', data: footerXml(model) },
    { name: 'docProps/core.xml', data: coreXml(model.title, options.author?.trim() ?? '', created) },
    { name: 'docProps/app.xml', data: appXml() },
  ]);
}
