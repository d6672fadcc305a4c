import type { ReactNode } from 'react';
import type { SectionId } from '../../shared/sections.ts';
import { sectionContent } from './sectionContent.ts';

/** A section's title (focused on arrival), its one-line summary and, on the right, its actions. */
export function SectionHeader(props: { section: SectionId; actions?: ReactNode }) {
  const content = sectionContent[props.section];
  return (
    <header className="page-header">
      <div>
        <h1 id="page-title" tabIndex={-1}>
          {content.title}
        </h1>
        <p className="page-summary">{content.summary}</p>
      </div>
      {props.actions ? <div className="page-actions">{props.actions}</div> : null}
    </header>
  );
}
