import type { SectionId } from '../../shared/sections.ts';
import { EmptyState } from '../shell/EmptyState.tsx';
import { useUiStore } from '../state/uiStore.ts';
import { SectionHeader } from './SectionHeader.tsx';
import { sectionContent } from './sectionContent.ts';

/** A section's page: its header and, until it has data, its empty state. */
export function SectionView({ section }: { section: SectionId }) {
  const content = sectionContent[section];
  const navigate = useUiStore((s) => s.navigate);
  const next = content.empty.next;
  return (
    <>
      <SectionHeader section={section} />
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
