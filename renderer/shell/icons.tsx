import type { ReactElement } from 'react';
import type { SectionId } from '../../shared/sections.ts';

/** Line icons drawn for Tessera (24-unit grid, stroke follows currentColor). */
function Icon({ children, size = 18 }: { children: ReactElement | ReactElement[]; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export const sectionIcons: Record<SectionId, () => ReactElement> = {
  tenants: () => (
    <Icon>
      <rect x="3" y="4" width="18" height="6" rx="1.5" />
      <rect x="3" y="14" width="18" height="6" rx="1.5" />
      <path d="M7 7h.01M7 17h.01" />
    </Icon>
  ),
  'technical-users': () => (
    <Icon>
      <rect x="5" y="8" width="14" height="11" rx="3" />
      <path d="M12 4v4M9 13h.01M15 13h.01M9.5 16.5h5" />
    </Icon>
  ),
  roles: () => (
    <Icon>
      <rect x="9" y="3" width="6" height="5" rx="1" />
      <rect x="3" y="16" width="6" height="5" rx="1" />
      <rect x="15" y="16" width="6" height="5" rx="1" />
      <path d="M12 8v4M6 16v-2h12v2" />
    </Icon>
  ),
  tokens: () => (
    <Icon>
      <circle cx="8" cy="15" r="4" />
      <path d="M10.8 12.2 20 3M16 7l3 3M14 9l2 2" />
    </Icon>
  ),
  sessions: () => (
    <Icon>
      <path d="M3 20h18" />
      <rect x="5" y="11" width="3" height="6" rx="0.5" />
      <rect x="10.5" y="6" width="3" height="11" rx="0.5" />
      <rect x="16" y="9" width="3" height="8" rx="0.5" />
    </Icon>
  ),
  audit: () => (
    <Icon>
      <path d="M6 3h9l4 4v14H6z" />
      <path d="M14 3v5h5M9 12h7M9 16h5" />
    </Icon>
  ),
  people: () => (
    <Icon>
      <circle cx="9" cy="8" r="3.2" />
      <path d="M3.5 19a5.5 5.5 0 0 1 11 0" />
      <circle cx="17" cy="9" r="2.4" />
      <path d="M15.5 14.2A4.5 4.5 0 0 1 21 18.5" />
    </Icon>
  ),
  sync: () => (
    <Icon>
      <path d="M20 11a8 8 0 0 0-14.3-4.9L4 8" />
      <path d="M4 4v4h4M4 13a8 8 0 0 0 14.3 4.9L20 16" />
      <path d="M20 20v-4h-4" />
    </Icon>
  ),
};

export function TesseraMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect x="2" y="2" width="13" height="13" rx="3" fill="var(--accent)" />
      <rect x="17" y="2" width="13" height="13" rx="3" fill="var(--accent)" opacity="0.55" />
      <rect x="2" y="17" width="13" height="13" rx="3" fill="var(--accent)" opacity="0.55" />
      <rect x="17" y="17" width="13" height="13" rx="3" fill="var(--accent)" opacity="0.25" />
    </svg>
  );
}

export function ThemeIcon({ theme }: { theme: 'system' | 'light' | 'dark' }) {
  if (theme === 'light')
    return (
      <Icon size={16}>
        <circle cx="12" cy="12" r="4" />
        <path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4" />
      </Icon>
    );
  if (theme === 'dark')
    return (
      <Icon size={16}>
        <path d="M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z" />
      </Icon>
    );
  return (
    <Icon size={16}>
      <rect x="3" y="4" width="18" height="12" rx="2" />
      <path d="M8 20h8M12 16v4" />
    </Icon>
  );
}
