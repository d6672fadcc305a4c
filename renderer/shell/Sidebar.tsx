import { useRef, type KeyboardEvent } from 'react';
import { sections } from '../../shared/sections.ts';
import { useUiStore } from '../state/uiStore.ts';
import { sectionIcons, TesseraMark } from './icons.tsx';
import { ThemeSwitcher } from './ThemeSwitcher.tsx';

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);

/**
 * Section navigation: a single tab stop; arrow keys, Home and End move
 * between sections (roving focus), Enter or Space opens one.
 */
export function Sidebar() {
  const current = useUiStore((s) => s.section);
  const navigate = useUiStore((s) => s.navigate);
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const last = sections.length - 1;
    const target =
      event.key === 'ArrowDown' ? (index === last ? 0 : index + 1)
      : event.key === 'ArrowUp' ? (index === 0 ? last : index - 1)
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : null;
    if (target === null) return;
    event.preventDefault();
    buttons.current[target]?.focus();
  };

  return (
    <aside className="sidebar">
      <div className="brand">
        <TesseraMark />
        <div>
          <div className="brand-name">Tessera</div>
          <div className="brand-tagline">Technical users, every tenant</div>
        </div>
      </div>
      <nav aria-label="Sections" className="nav">
        <ul role="list">
          {sections.map((section, index) => {
            const Icon = sectionIcons[section.id];
            const active = section.id === current;
            return (
              <li key={section.id}>
                <button
                  ref={(el) => {
                    buttons.current[index] = el;
                  }}
                  type="button"
                  className="nav-item"
                  aria-current={active ? 'page' : undefined}
                  tabIndex={active ? 0 : -1}
                  onClick={() => navigate(section.id)}
                  onKeyDown={(event) => onKeyDown(event, index)}
                  title={`${section.label} (${isMac ? '⌘' : 'Ctrl+'}${index + 1})`}
                >
                  <Icon />
                  <span className="nav-label">{section.label}</span>
                  <kbd className="nav-shortcut" aria-hidden="true">
                    {isMac ? '⌘' : 'Ctrl '}
                    {index + 1}
                  </kbd>
                </button>
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="sidebar-footer">
        <ThemeSwitcher />
      </div>
    </aside>
  );
}
