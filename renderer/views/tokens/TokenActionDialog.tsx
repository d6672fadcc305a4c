import type { ComponentProps } from 'react';
import type { ConnectionView } from '../../../shared/connections.ts';
import { ActionDialog } from '../../shell/ActionDialog.tsx';
import { tokenWorkBlocked } from './tokenFormat.ts';

/** A token action's dialog: the tenant must be online (and, to mint a secret, grant `tokens:issue`). */
export function TokenActionDialog(props: Omit<ComponentProps<typeof ActionDialog>, 'blocked'> & { connection: ConnectionView | undefined; needsIssueScope: boolean; blocked?: string | null }) {
  const { connection, needsIssueScope, blocked, ...rest } = props;
  return <ActionDialog {...rest} blocked={tokenWorkBlocked(connection, needsIssueScope) ?? blocked ?? null} />;
}
