import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabSpec<T extends string> {
  readonly id: T;
  readonly label: ReactNode;
  /** The tab's element id and the panel it controls (for aria-labelledby / aria-controls). */
  readonly tabId?: string;
  readonly panelId?: string;
}

/**
 * Tabs as the ARIA tab pattern has them: one Tab stop (the selected tab), ←/→ and Home/End move
 * between tabs and select the one reached (automatic activation).
 */
export function TabList<T extends string>(props: { label: string; tabs: ReadonlyArray<TabSpec<T>>; selected: T; onSelect: (id: T) => void }) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    const index = props.tabs.findIndex((t) => t.id === props.selected);
    const last = props.tabs.length - 1;
    const next = event.key === 'ArrowRight' ? (index + 1) % props.tabs.length : event.key === 'ArrowLeft' ? (index - 1 + props.tabs.length) % props.tabs.length : event.key === 'Home' ? 0 : event.key === 'End' ? last : null;
    if (next === null) return;
    event.preventDefault();
    props.onSelect(props.tabs[next]!.id);
    list.current?.querySelectorAll<HTMLElement>('[role="tab"]')[next]?.focus();
  };
  return (
    <div ref={list} className="tabs" role="tablist" aria-label={props.label} onKeyDown={onKeyDown}>
      {props.tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          {...(t.tabId ? { id: t.tabId } : {})}
          {...(t.panelId ? { 'aria-controls': t.panelId } : {})}
          aria-selected={t.id === props.selected}
          tabIndex={t.id === props.selected ? 0 : -1}
          className="tab"
          onClick={() => props.onSelect(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
