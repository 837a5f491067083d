import type { ReactNode } from 'react';
import { Tabs } from '../components/Tabs';

export type SourcesTab = 'library' | 'search' | 'excerpts' | 'collections';

const TABS = [
  { id: 'library', label: 'Library' },
  { id: 'search', label: 'Search' },
  { id: 'excerpts', label: 'Excerpts' },
  { id: 'collections', label: 'Collections' },
] as const;

type Props = Readonly<{ tab: SourcesTab; onTab: (tab: SourcesTab) => void; children: ReactNode }>;

/** The left area: the library, search, every excerpt, and collections, one tab at a time. */
export function SourcesPane({ tab, onTab, children }: Props) {
  return (
    <div className="pane pane--sources">
      <Tabs label="Sources" tabs={TABS} selected={tab} onSelect={onTab} />
      <div className="sources-panel-host" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {children}
      </div>
    </div>
  );
}
