import type { ReactNode } from 'react';
import type { SectionId } from '../../shared/sections.ts';
import { sectionIcons } from './icons.tsx';

export function EmptyState(props: { section: SectionId; headline: string; children: ReactNode; actions?: ReactNode }) {
  const Icon = sectionIcons[props.section];
  return (
    <div className="empty-state" role="region" aria-label={props.headline}>
      <div className="empty-illustration" aria-hidden="true">
        <Icon />
      </div>
      <h2>{props.headline}</h2>
      <p>{props.children}</p>
      {props.actions ? <div className="empty-actions">{props.actions}</div> : null}
    </div>
  );
}
