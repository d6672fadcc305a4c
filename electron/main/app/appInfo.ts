import type { AppInfo } from '../../../shared/ipc/contract.ts';

export type AppInfoProvider = () => AppInfo;

export function createAppInfoProvider(info: AppInfo): AppInfoProvider {
  const frozen = Object.freeze({ ...info, versions: Object.freeze({ ...info.versions }) });
  return () => frozen;
}
