/** Error codes the IPC boundary itself produces (handlers add their own). */
export const ipcErrorCodes = {
  /** The channel is not part of the contract. */
  unknownCommand: 'ipc_unknown_command',
  /** The argument failed the contract's runtime schema. */
  invalidArgument: 'ipc_invalid_argument',
  /** The call came from a frame or origin that is not the app's own. */
  forbiddenSender: 'ipc_forbidden_sender',
  /** The handler threw something that was not a coded error. */
  internal: 'ipc_internal',
  /** The handler returned a value that does not match the contract. */
  invalidResult: 'ipc_invalid_result',
} as const;
