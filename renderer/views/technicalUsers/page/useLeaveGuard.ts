import { useEffect, useState } from 'react';
import { useUiStore } from '../../../state/uiStore.ts';

/**
 * Unsaved edits are never dropped without a yes: the shell is told (so a
 * switch of section asks first), and leaving the page asks too.
 * `unsavedLabel` names what would be lost, or is null when nothing would.
 */
export function useLeaveGuard(unsavedLabel: string | null, goBack: () => void) {
  const [asking, setAsking] = useState(false);
  const setUnsaved = useUiStore((s) => s.setUnsaved);
  const requestedSection = useUiStore((s) => s.requestedSection);
  useEffect(() => {
    setUnsaved(unsavedLabel);
    return () => setUnsaved(null);
  }, [unsavedLabel, setUnsaved]);
  return {
    /** The dialog is open: this page asked, or the shell wants another section. */
    asking: asking || requestedSection !== null,
    leave: () => (unsavedLabel ? setAsking(true) : goBack()),
    stay: () => {
      setAsking(false);
      useUiStore.getState().cancelNavigation();
    },
    discardAndGo: () => {
      setAsking(false);
      setUnsaved(null);
      if (useUiStore.getState().requestedSection) useUiStore.getState().confirmNavigation();
      else goBack();
    },
    /** After a save that leaves the page: nothing is unsaved any more. */
    saved: () => setUnsaved(null),
  };
}
