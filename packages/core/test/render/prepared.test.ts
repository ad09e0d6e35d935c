import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  appendPrepared,
  formatPreparedTables,
  preparedTableChunks,
  formatTable,
  mergeTables,
  prepareTable,
} from '../../src/render/index.js';
import type { Table, TableColumn } from '../../src/api/index.js';

// Column names from a small set so that clusters share, miss and repeat columns; cells of every kind
// kubectl servers send, plus control characters, bidi overrides and astral characters (width ≠ length).
const columnName = fc.constantFrom('Name', 'Ready', 'Status', 'Age', 'IP', 'Node', 'Ünïcode');
const column: fc.Arbitrary<TableColumn> = fc.record({
  name: columnName,
  type: fc.constant('string'),
  priority: fc.constantFrom(0, 0, 1),
  format: fc.constantFrom(undefined, 'name'),
}) as fc.Arbitrary<TableColumn>;
const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('web-1', '1/1', '\x1b[31mred', 'a\nb', 'x\ry', '\u202eevil', '😀😀', 'tab\there', ''),
);
const cell = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined));
const table: fc.Arbitrary<Table> = fc.array(column, { maxLength: 6 }).chain((columns) =>
  fc
    .array(
      fc.record({
        cells: fc.array(cell, { minLength: columns.length, maxLength: columns.length + 1 }),
        ns: fc.option(text, { nil: undefined }),
        labels: fc.option(fc.dictionary(fc.constantFrom('app', 'tier', 'x\x07'), text, { maxKeys: 2 }), {
          nil: undefined,
        }),
      }),
      { maxLength: 5 },
    )
    .map((rows) => ({
      columns,
      rows: rows.map((r) => ({
        cells: r.cells,
        object: {
          metadata: {
            ...(r.ns !== undefined && { namespace: r.ns }),
            ...(r.labels !== undefined && { labels: r.labels }),
          },
        },
      })),
    })),
);

describe('render: prepareTable / formatPreparedTables', () => {
  it('prints exactly what formatTable(mergeTables(…)) prints, for any tables and options', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ context: fc.oneof(fc.string({ maxLength: 8 }), fc.constant('c\x1b]0;')), table }),
          {
            maxLength: 4,
          },
        ),
        fc.record({
          wide: fc.boolean(),
          showLabels: fc.boolean(),
          namespaceColumn: fc.boolean(),
          clusterColumn: fc.constantFrom(undefined, null, 'CONTEXT'),
          noHeaders: fc.boolean(),
        }),
        (results, o) => {
          const mergeOpts = {
            wide: o.wide,
            showLabels: o.showLabels,
            namespaceColumn: o.namespaceColumn,
            ...(o.clusterColumn !== undefined && { clusterColumn: o.clusterColumn }),
          };
          const expected = formatTable(mergeTables(results, mergeOpts), { noHeaders: o.noHeaders });
          const prepared = results.map((r) =>
            prepareTable(r.context, r.table, {
              wide: o.wide,
              showLabels: o.showLabels,
              namespaces: o.namespaceColumn,
            }),
          );
          const actual = formatPreparedTables(prepared, {
            namespaceColumn: o.namespaceColumn,
            showLabels: o.showLabels,
            noHeaders: o.noHeaders,
            ...(o.clusterColumn !== undefined && { clusterColumn: o.clusterColumn }),
          });
          assert.equal(actual, expected);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('a table prepared page by page (appendPrepared) is the table prepared whole', () => {
    fc.assert(
      fc.property(
        table,
        fc.array(fc.nat({ max: 5 }), { maxLength: 4 }),
        fc.record({ wide: fc.boolean(), showLabels: fc.boolean(), namespaces: fc.boolean() }),
        (t, cuts, o) => {
          const bounds = [
            ...new Set([0, ...cuts.map((c) => Math.min(c, t.rows.length)), t.rows.length]),
          ].sort((a, b) => a - b);
          let acc: ReturnType<typeof prepareTable> | undefined;
          for (let i = 0; i + 1 < bounds.length; i++) {
            const page = { columns: t.columns, rows: t.rows.slice(bounds[i], bounds[i + 1]) };
            acc = appendPrepared(acc, prepareTable('ctx', page, o));
          }
          const whole = prepareTable('ctx', t, o);
          // the same rows, page by page: the pages' text joined is the whole table's one page
          const { pages, ...rest } = acc ?? prepareTable('ctx', { columns: t.columns, rows: [] }, o);
          const { pages: wholePages, ...wholeRest } = whole;
          assert.deepEqual(rest, wholeRest);
          assert.equal(pages.join(''), wholePages.join(''));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps only text: the prepared rows hold no reference to the rows objects', () => {
    const t: Table = {
      columns: [{ name: 'Name', type: 'string', format: 'name', priority: 0 }],
      rows: [{ cells: ['web-1'], object: { metadata: { name: 'web-1', namespace: 'prod' } } }],
    };
    const p = prepareTable('c', t, { namespaces: true });
    assert.deepEqual(p.pages, ['prod\tweb-1\n']);
    assert.equal(p.rowCount, 1);
    assert.equal(JSON.stringify(p).includes('"object"'), false);
  });

  it('writes the table in chunks of whole lines that join to the formatted text', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({
      cells: [`pod-${i}-${'x'.repeat(i % 40)}`, 'Running'],
      object: { metadata: { namespace: `ns-${i % 7}` } },
    }));
    const t: Table = {
      columns: [
        { name: 'Name', type: 'string', format: 'name', priority: 0 },
        { name: 'Status', type: 'string', priority: 0 },
      ],
      rows,
    };
    const prepared = [prepareTable('a', t, { namespaces: true }), prepareTable('b', t, { namespaces: true })];
    const chunks = [...preparedTableChunks(prepared, { namespaceColumn: true })];
    assert.ok(chunks.length > 1, `${chunks.length} chunks`);
    for (const c of chunks) assert.ok(c.endsWith('\n'));
    const expected = formatTable(
      mergeTables(
        [
          { context: 'a', table: t },
          { context: 'b', table: t },
        ],
        { namespaceColumn: true },
      ),
    );
    assert.equal(chunks.join(''), expected);
  });
});
