import { describe, expect, it } from 'vitest';
import { withFilter, withYear } from './query-edit';

describe('facet filters in the query text', () => {
  it('adds a filter, quoting values with spaces, and replaces an earlier one', () => {
    expect(withFilter('grain', 'outlet', 'Meridian Review')).toBe('grain outlet:"Meridian Review"');
    expect(withFilter('grain outlet:"Meridian Review" ships', 'outlet', 'Ledger')).toBe(
      'grain ships outlet:Ledger',
    );
    expect(withFilter('', 'tag', 'energy')).toBe('tag:energy');
  });

  it('limits to a year with exclusive bounds', () => {
    expect(withYear('grain after:2020-01-01', '2025')).toBe('grain after:2024-12-31 before:2026-01-01');
  });
});
