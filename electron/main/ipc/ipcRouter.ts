import { isCommandName, type CommandName } from '../../../shared/ipc/channels.ts';
import { commands, type CommandResult, type ParsedCommandArgs } from '../../../shared/ipc/contract.ts';
import { ipcErrorCodes } from '../../../shared/ipc/errorCodes.ts';
import { CodedError, err, ok, type Result } from '../../../shared/result.ts';
import { issueList, issuesText } from '../../../shared/validationIssues.ts';
import type { Logger } from '../../../shared/logger.ts';
import type { IpcSender, SenderPolicy } from './senderPolicy.ts';

/** One handler per contract command; they throw `CodedError` to fail. */
export type IpcHandlers = {
  readonly [C in CommandName]: (
    arg: ParsedCommandArgs<C>,
    sender: IpcSender,
  ) => Promise<CommandResult<C>> | CommandResult<C>;
};

export interface IpcRouter {
  /** Runs one call end to end; never throws. */
  dispatch(channel: unknown, arg: unknown, sender: IpcSender): Promise<Result<unknown>>;
}

/**
 * The single place IPC calls are handled, whatever carries them (Electron's
 * ipcMain or the test harness's page binding): checks the sender, validates
 * the argument against the contract, runs the handler, checks its result,
 * and turns every failure into `{ ok: false, error: { code, message } }`.
 */
export function createIpcRouter(options: { handlers: IpcHandlers; isTrustedSender: SenderPolicy; logger: Logger }): IpcRouter {
  const { handlers, isTrustedSender, logger } = options;
  return {
    async dispatch(channel, arg, sender) {
      if (!isCommandName(channel)) {
        logger.warn('unknown IPC command refused', { channel: String(channel).slice(0, 80) });
        return err(ipcErrorCodes.unknownCommand, `"${String(channel).slice(0, 80)}" is not a Tessera command.`);
      }
      if (!isTrustedSender(sender)) {
        logger.warn('IPC call from an untrusted frame refused', { channel, url: sender.url.slice(0, 200), isMainFrame: sender.isMainFrame });
        return err(ipcErrorCodes.forbiddenSender, 'This call did not come from the Tessera window and was refused.');
      }
      const spec = commands[channel];
      const parsed = spec.args.safeParse(arg);
      if (!parsed.success) {
        return err(ipcErrorCodes.invalidArgument, `Invalid argument for ${channel}: ${issuesText(parsed.error.issues, '(argument)')}`, issueList(parsed.error.issues));
      }
      try {
        const handler = handlers[channel] as (a: unknown, s: IpcSender) => unknown;
        const value = await handler(parsed.data, sender);
        const checked = spec.result.safeParse(value);
        if (!checked.success) {
          logger.error('IPC handler returned a value outside the contract', { channel, issues: checked.error.issues.slice(0, 5) });
          return err(ipcErrorCodes.invalidResult, `Tessera produced an unexpected answer for ${channel}.`);
        }
        return ok(checked.data);
      } catch (error) {
        if (error instanceof CodedError) return err(error.code, error.message, error.details);
        logger.error('IPC handler failed', { channel, error });
        return err(ipcErrorCodes.internal, `Something went wrong in Tessera while handling ${channel}. The details are in the log.`);
      }
    },
  };
}
