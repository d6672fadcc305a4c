import type { SectionId } from '../../shared/sections.ts';
import { EmptyState } from '../shell/EmptyState.tsx';
import { useUiStore } from '../state/uiStore.ts';
import { sectionContent } from './sectionContent.ts';

/** A section's page: its header and, until it has data, its empty state. */
export function SectionView({ section }: { section: SectionId }) {
  const content = sectionContent[section];
  const navigate = useUiStore((s) => s.navigate);
  const next = content.empty.next;
  return (
    <>
      <header className="page-header">
        <div>
          <h1 id="page-title" tabIndex={-1}>
            {content.title}
          </h1>
          <p className="page-summary">{content.summary}</p>
        </div>
      </header>
      <div className="page-body">
        <EmptyState
          section={section}
          headline={content.empty.headline}
          actions={
            next ? (
              <button type="button" className="button button-primary" onClick={() => navigate(next.section)}>
                {next.label}
              </button>
            ) : undefined
          }
        >
          {content.empty.body}
        </EmptyState>
      </div>
    </>
  );
}
