import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { countPendingDocumentTerms } from '../store/document-terms';
import { indexDocument } from '../store/search-index';

/**
 * Representative library content for the upgrade fixtures, written with plain SQL in the shape of
 * a given schema version. `level` is the version whose features the content uses (a v3 library has
 * tags and history but no saved searches); `schema` is the version of the tables it is written
 * into. A fixture is `level = schema = v`; the fresh install it is compared with after migrating is
 * the same `level` written into the latest schema, the way the app writes it today (original
 * metadata as the store serialises it, search rows through the store's indexer, briefing ids on
 * briefing items).
 */
export function writeSchemaContent(
  db: Database.Database,
  options: Readonly<{ level: number; schema: number; extraDocuments?: number }>,
): void {
  const { level, schema } = options;
  db.transaction(() => writeAll(db, level, schema, options.extraDocuments ?? 0))();
}

const BULK_WORDS =
  'harbour tariff convoy insurer grain corridor sanction cable pipeline ministry premium tanker port customs quota treaty envoy freight ledger bond'.split(
    ' ',
  );

/** Extra plain documents that make a library big enough for a migration to take a while. */
function bulkDocuments(count: number): Doc[] {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const sentence = () =>
    Array.from({ length: 14 }, () => BULK_WORDS[next() % BULK_WORDS.length] ?? 'port').join(' ') + '.';
  return Array.from({ length: count }, (_, index) => ({
    id: `doc-bulk-${String(index).padStart(6, '0')}`,
    title: `Dispatch ${index}`,
    author: `Writer ${index % 17}`,
    outlet: `Outlet ${index % 5}`,
    publishedAt: `2024-${String((index % 12) + 1).padStart(2, '0')}-01`,
    url: null,
    language: 'en',
    direction: 'ltr' as const,
    format: 'txt',
    previous: null,
    blocks: [
      ['heading', `Dispatch ${index}`] as const,
      ...Array.from({ length: 6 }, () => ['paragraph', `${sentence()} ${sentence()} ${sentence()}`] as const),
    ],
  }));
}

type Doc = Readonly<{
  id: string;
  title: string;
  author: string | null;
  outlet: string | null;
  publishedAt: string | null;
  url: string | null;
  language: string | null;
  direction: 'ltr' | 'rtl';
  format: string;
  previous: string | null;
  /** Blocks as [kind, text]; the text is the blocks joined by blank lines. */
  blocks: readonly (readonly ['heading' | 'paragraph' | 'list-item' | 'block-quote', string])[];
}>;

const DOCS: readonly Doc[] = [
  {
    id: 'doc-grain-1',
    title: 'Grain corridor under strain',
    author: 'Amara Okafor',
    outlet: 'Meridian Review',
    publishedAt: '2025-03-02',
    url: 'https://example.org/grain-1',
    language: 'en',
    direction: 'ltr',
    format: 'md',
    previous: null,
    blocks: [
      ['heading', 'Grain corridor under strain'],
      ['paragraph', 'Shipping insurers raised war-risk premiums for Black Sea routes in March.'],
      ['list-item', 'Premiums doubled within a week.'],
      ['paragraph', 'Exporters rerouted cargo through the Danube ports while talks stalled.'],
    ],
  },
  {
    id: 'doc-grain-2',
    title: 'Grain corridor under strain (updated)',
    author: 'Amara Okafor',
    outlet: 'Meridian Review',
    publishedAt: '2025-03-04',
    url: 'https://example.org/grain-1',
    language: 'en',
    direction: 'ltr',
    format: 'md',
    previous: 'doc-grain-1',
    blocks: [
      ['heading', 'Grain corridor under strain'],
      ['paragraph', 'Shipping insurers raised war-risk premiums for Black Sea routes in early March.'],
      ['block-quote', '“We price the risk we see,” one underwriter said.'],
    ],
  },
  {
    id: 'doc-ru',
    title: 'Зерновой коридор',
    author: 'Иван Петров',
    outlet: 'Вестник',
    publishedAt: '2025-02-10',
    url: null,
    language: 'ru',
    direction: 'ltr',
    format: 'txt',
    previous: null,
    blocks: [
      ['heading', 'Зерновой коридор'],
      ['paragraph', 'Страховщики повысили премии за риск войны для судов в Чёрном море.'],
    ],
  },
  {
    id: 'doc-ar',
    title: 'ممر الحبوب',
    author: null,
    outlet: 'النشرة',
    publishedAt: null,
    url: null,
    language: 'ar',
    direction: 'rtl',
    format: 'html',
    previous: null,
    blocks: [['paragraph', 'رفعت شركات التأمين أقساط مخاطر الحرب على طرق البحر الأسود.']],
  },
];

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

function layout(doc: Doc): { text: string; blocks: { kind: string; start: number; end: number }[] } {
  let text = '';
  const blocks: { kind: string; start: number; end: number }[] = [];
  for (const [kind, body] of doc.blocks) {
    if (text !== '') text += '\n\n';
    blocks.push({ kind, start: text.length, end: text.length + body.length });
    text += body;
  }
  return { text, blocks };
}

const T = (day: number, hour = 9) =>
  `2025-04-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;

function writeAll(db: Database.Database, level: number, schema: number, extra: number): void {
  const docs = [...DOCS, ...bulkDocuments(extra)];
  const run = (sql: string, params: Record<string, unknown>) => db.prepare(sql).run(params);
  const insert = (table: string, row: Record<string, unknown>) => {
    const columns = Object.keys(row);
    run(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
      row,
    );
  };
  insert('meta', { key: 'seeded_at', value: T(1) });

  const texts = new Map<string, { text: string; blocks: { kind: string; start: number; end: number }[] }>();
  docs.forEach((doc, index) => {
    const laid = layout(doc);
    texts.set(doc.id, laid);
    const original = Buffer.from(`# original bytes of ${doc.id}\n\n${laid.text}`, 'utf8');
    const row: Record<string, unknown> = {
      id: doc.id,
      title: doc.title,
      author: doc.author,
      outlet: doc.outlet,
      published_at: doc.publishedAt,
      url: doc.url,
      language: doc.language,
      format: doc.format,
      source_name: `${doc.id}.${doc.format}`,
      text: laid.text,
      text_sha256: sha256(laid.text),
      original_sha256: sha256(original),
      original_bytes: original,
      byte_size: original.byteLength,
      imported_at: T(1 + (index % 28)),
      previous_version_id: doc.previous,
    };
    if (schema >= 2) {
      // As the store writes it (documents.ts); migration 002 must produce the same for older rows.
      row['original_metadata'] = JSON.stringify({
        title: doc.title,
        author: doc.author,
        outlet: doc.outlet,
        publishedAt: doc.publishedAt,
        url: doc.url,
        language: doc.language,
      });
      if (level >= 2) {
        row['direction'] = doc.direction;
        if (index === 0) {
          row['title'] = `${doc.title}: edited`;
          row['metadata_updated_at'] = T(20);
        }
      }
    }
    insert('documents', row);
    laid.blocks.forEach((block, ordinal) => {
      const blockRow: Record<string, unknown> = {
        document_id: doc.id,
        ordinal,
        kind: block.kind,
        level: block.kind === 'heading' ? 1 : block.kind === 'list-item' ? 0 : 0,
        start_offset: block.start,
        end_offset: block.end,
        page: doc.format === 'pdf' ? 1 : null,
      };
      if (schema >= 2 && level >= 2) {
        blockRow['boilerplate'] = ordinal === 3 ? 1 : 0;
        blockRow['marks'] = ordinal === 1 ? JSON.stringify([{ kind: 'bold', start: 0, end: 8 }]) : null;
      }
      insert('blocks', blockRow);
    });
  });
  if (schema >= 4) {
    // The store indexes every document it imports; migration 004 indexes the ones already there.
    for (const doc of docs) {
      const laid = texts.get(doc.id)!;
      const headings = laid.blocks.filter((block) => block.kind === 'heading') as {
        kind: 'heading';
        start: number;
        end: number;
      }[];
      indexDocument(db, doc.id, laid.text, headings);
    }
    if (schema >= 7) countPendingDocumentTerms(db);
  }

  const excerpt = (id: string, docId: string, quote: string, note: string, at: string) => {
    const laid = texts.get(docId)!;
    const start = laid.text.indexOf(quote);
    if (start < 0) throw new Error(`fixture quote not in ${docId}: ${quote}`);
    const row: Record<string, unknown> = {
      id,
      document_id: docId,
      document_text_sha256: sha256(laid.text),
      quote,
      prefix: laid.text.slice(Math.max(0, start - 32), start),
      suffix: laid.text.slice(start + quote.length, start + quote.length + 32),
      start_offset: start,
      end_offset: start + quote.length,
      page: null,
      note,
      created_at: at,
      updated_at: at,
    };
    if (schema >= 3 && level >= 3) {
      row['color'] = id === 'exc-1' ? 'yellow' : id === 'exc-4' ? 'blue' : null;
      row['carried_from'] = id === 'exc-4' ? 'exc-1' : null;
    }
    insert('excerpts', row);
  };
  excerpt('exc-1', 'doc-grain-1', 'Shipping insurers raised war-risk premiums', 'key fact', T(5));
  excerpt('exc-2', 'doc-grain-1', 'Premiums doubled within a week.', '', T(6));
  excerpt('exc-3', 'doc-ru', 'Страховщики повысили премии', 'русский', T(7));
  excerpt('exc-4', 'doc-grain-2', 'Shipping insurers raised war-risk premiums', 'carried over', T(8));
  excerpt('exc-5', 'doc-ar', 'رفعت شركات التأمين', '', T(9));

  if (level >= 3) {
    insert('tags', { id: 1, name: 'Shipping', created_at: T(10) });
    insert('tags', { id: 2, name: 'energy', created_at: T(10, 10) });
    for (const [excerptId, tagId] of [
      ['exc-1', 1],
      ['exc-1', 2],
      ['exc-3', 1],
      ['exc-4', 1],
    ] as const) {
      insert('excerpt_tags', { excerpt_id: excerptId, tag_id: tagId });
    }
    const history: Record<string, unknown> = {
      id: 1,
      scope: 'library',
      label: 'Edit note',
      changes: JSON.stringify([
        { table: 'excerpts', id: 'exc-1', before: { note: '' }, after: { note: 'key fact' } },
      ]),
      undone: 0,
      created_at: T(11),
    };
    if (schema >= 5 && level >= 5) history['coalesce_key'] = 'note:exc-1';
    insert('history', history);
  }

  insert('collections', {
    id: 'col-1',
    name: 'Insurance',
    description: 'War-risk cover',
    created_at: T(12),
    updated_at: T(12),
  });
  insert('collections', {
    id: 'col-2',
    name: 'Другие',
    description: '',
    created_at: T(12, 11),
    updated_at: T(13),
  });
  [
    ['col-1', 'exc-1', 0],
    ['col-1', 'exc-2', 1],
    ['col-1', 'exc-4', 2],
    ['col-2', 'exc-3', 0],
    ['col-2', 'exc-5', 1],
  ].forEach(([collection_id, excerpt_id, position]) =>
    insert('collection_items', { collection_id, excerpt_id, position }),
  );

  const briefing: Record<string, unknown> = {
    id: 'brf-1',
    title: 'Black Sea shipping note',
    subtitle: 'Insurance and routes',
    author: 'Desk 4',
    briefing_date: '2025-04-15',
    marking: 'TLP:AMBER',
    bluf: 'Premiums will stay high.',
    created_at: T(14),
    updated_at: T(15),
  };
  if (schema >= 5 && level >= 5) {
    Object.assign(briefing, {
      recipients: 'Policy staff',
      citation_style: 'short',
      repeat_citations: 'ibid',
      template: 'bluf',
      opened_at: T(16),
    });
  }
  if (schema >= 6 && level >= 6)
    briefing['print_settings'] = JSON.stringify({ pageSize: 'Letter', notes: 'footnotes' });
  insert('briefings', briefing);
  insert('briefings', {
    id: 'brf-2',
    title: 'Empty draft',
    briefing_date: '2025-04-16',
    created_at: T(16),
    updated_at: T(16),
  });

  const section = (id: string, position: number, heading: string, sectionLevel: number, guidance: string) => {
    const row: Record<string, unknown> = { id, briefing_id: 'brf-1', position, heading };
    if (schema >= 5 && level >= 5) Object.assign(row, { level: sectionLevel, guidance });
    insert('sections', row);
  };
  section('sec-1', 0, 'Bottom line', 1, 'State the judgment first.');
  section('sec-2', 1, 'Discussion', 1, '');
  section('sec-3', 2, 'Routes', 2, '');

  const item = (
    id: string,
    sectionId: string,
    position: number,
    kind: string,
    extra: Record<string, unknown>,
  ) => {
    const row: Record<string, unknown> = { id, section_id: sectionId, position, kind, ...extra };
    if (schema >= 5) row['briefing_id'] = 'brf-1';
    insert('briefing_items', row);
  };
  item('itm-1', 'sec-1', 0, 'commentary', { body: 'Costs rise for every exporter.' });
  item('itm-2', 'sec-2', 0, 'excerpt', {
    excerpt_id: 'exc-1',
    body: 'Shipping insurers raised war-risk premiums',
  });
  item('itm-3', 'sec-2', 1, 'excerpt', { excerpt_id: 'exc-3', body: 'Страховщики повысили премии' });
  item('itm-4', 'sec-3', 0, 'commentary', { body: '' });
  if (schema >= 5 && level >= 5) {
    item('itm-5', 'sec-1', 1, 'judgment', {
      body: 'Premiums will likely stay above pre-war levels.',
      likelihood: 'likely',
      confidence: 'moderate',
    });
    item('itm-6', 'sec-3', 1, 'commentary', {
      body: 'Routes shift to the Danube.',
      content: JSON.stringify({
        blocks: [{ type: 'paragraph', content: [{ text: 'Routes shift to the Danube.' }] }],
      }),
    });
    insert('briefing_versions', {
      id: 'ver-1',
      briefing_id: 'brf-1',
      name: 'Sent to desk',
      reason: 'manual',
      snapshot: JSON.stringify({ title: 'Black Sea shipping note', sections: [] }),
      created_at: T(17),
    });
  }
  if (level >= 4) {
    insert('saved_searches', {
      id: 'ss-1',
      name: 'Insurers',
      query: 'insurers outlet:meridian',
      created_at: T(18),
      last_run_at: T(19),
    });
    insert('saved_searches', {
      id: 'ss-2',
      name: 'Никогда',
      query: 'коридор',
      created_at: T(18, 10),
      last_run_at: null,
    });
  }
}
