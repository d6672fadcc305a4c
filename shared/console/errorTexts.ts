/**
 * What the console says for each error code it can show: a sentence a
 * person understands and, where there is one, the next step. The code
 * itself is a detail for support, never the message. A test checks that
 * every code the sources can produce (the tenant API's, the tenant
 * client's, the IPC router's and the console's own) has an entry here.
 */
export interface ErrorText {
  /** What happened, in words. */
  readonly sentence: string;
  /** What the person can do about it, when there is something. */
  readonly next?: string;
}

export const errorTexts: Readonly<Record<string, ErrorText>> = {
  // The Tenant Admin API's codes (API.md).
  invalid_request: { sentence: 'The tenant could not read the request.', next: 'This is likely a bug in Tessera; the code below helps support.' },
  invalid_token: { sentence: 'The tenant did not accept the access token.', next: 'Tessera gets a new one by itself; if this stays, check the connection’s client secret.' },
  insufficient_scope: { sentence: 'The admin client of this connection is not allowed to do this.', next: 'Give the client the scope named in the message on the tenant, or use another client.' },
  forbidden: { sentence: 'The tenant does not allow this.' },
  not_found: { sentence: 'It no longer exists on the tenant.', next: 'Someone may have deleted it; the local copy follows at the next sync.' },
  method_not_allowed: { sentence: 'The tenant does not offer this operation.', next: 'The tenant may run an older version of the API.' },
  revision_mismatch: { sentence: 'Someone changed it on the tenant meanwhile.', next: 'Look at the newest state and make the change again.' },
  payload_too_large: { sentence: 'This is too large for the tenant to take in one go.', next: 'Shorten the text or send fewer items at once.' },
  unsupported_media_type: { sentence: 'The tenant could not read the request’s format.', next: 'This is likely a bug in Tessera; the code below helps support.' },
  validation_failed: { sentence: 'The tenant refused some of the values.', next: 'Correct the fields named in the message.' },
  name_taken: { sentence: 'That name is already used on this tenant.', next: 'Choose another name.' },
  subscription_limit: { sentence: 'The tenant’s plan allows no more technical users.', next: 'Delete one that is no longer needed, or raise the plan’s limit on the tenant.' },
  root_role_forbidden: { sentence: 'A technical user cannot be given the tenant’s root role.', next: 'Choose a role below it.' },
  root_role_protected: { sentence: 'The tenant’s root role cannot be changed or deleted.' },
  last_technical_user: { sentence: 'This is the tenant’s last technical user.', next: 'Confirm that integrations may lose their only user, or create another one first.' },
  user_inactive: { sentence: 'The technical user is inactive, so the tenant refuses this.', next: 'Activate the user first.' },
  expiry_too_far: { sentence: 'The tenant’s policy does not allow a token to live that long.', next: 'Choose an earlier expiry.' },
  not_transferable: { sentence: 'The tenant cannot hand this over to another owner.' },
  rate_limited: { sentence: 'The tenant asked Tessera to slow down.', next: 'Tessera tries again by itself in a moment.' },
  internal: { sentence: 'Something went wrong that Tessera did not expect.', next: 'Try again; if it happens again, the code below helps support.' },

  // The tenant client in main: reaching the tenant.
  tenant_dns_failed: { sentence: 'The tenant’s host name could not be found.', next: 'Check the base URL of the connection, or your network.' },
  tenant_unreachable: { sentence: 'The tenant cannot be reached right now.', next: 'Tessera keeps trying; edits wait in the local copy until it is back.' },
  tenant_timeout: { sentence: 'The tenant did not answer in time.', next: 'If this was a change, it may have arrived: Tessera checks when the tenant answers again.' },
  tenant_tls_failed: { sentence: 'The tenant’s certificate could not be verified.', next: 'Add the tenant’s CA certificate to the connection, or check the address.' },
  tenant_response_too_large: { sentence: 'The tenant sent more than Tessera accepts in one answer.' },
  tenant_request_cancelled: { sentence: 'The request was cancelled before the tenant answered.' },
  tenant_auth_failed: { sentence: 'The tenant did not accept this connection’s client ID or secret.', next: 'Edit the connection and enter the client secret again, or check that the client still exists on the tenant.' },
  tenant_invalid_response: { sentence: 'The tenant answered in a way Tessera does not understand.', next: 'Check that the base URL points to a Tenant Admin API v1.' },
  tenant_not_an_api: { sentence: 'That address answers, but not as a Tenant Admin API.', next: 'Check the base URL (it usually ends before /api/v1).' },
  tenant_redirect_refused: { sentence: 'The tenant redirected elsewhere; Tessera does not follow redirects with your credentials.', next: 'Use the final address as the base URL.' },
  tenant_rate_limited: { sentence: 'The tenant is limiting requests.', next: 'Tessera tries again by itself in a moment.' },
  scim_list_too_long: { sentence: 'The SCIM service lists more resources than Tessera reads in one pass.', next: 'Narrow the rule that selects the technical users of this connection.' },
  tenant_offline: { sentence: 'The tenant is offline, and this needs it online.', next: 'Try again when the tenant is connected.' },

  // The keychain.
  vault_unavailable: { sentence: 'No system keychain is available to keep the client secret.', next: 'Unlock or install your desktop’s keychain (Secret Service on Linux), then try again.' },
  vault_failed: { sentence: 'The system keychain refused to read or store the secret.', next: 'Unlock the keychain and try again.' },
  vault_secret_missing: { sentence: 'The client secret of this connection is no longer in the keychain.', next: 'Edit the connection and enter the client secret again.' },

  // Connections.
  address_invalid: { sentence: 'That is not a web address Tessera can use.', next: 'Enter the tenant’s base URL, like https://tenant.example.com.' },
  address_not_encrypted: { sentence: 'Plain HTTP is only allowed for tenants on this computer.', next: 'Use the tenant’s https:// address.' },
  connection_not_found: { sentence: 'This tenant connection no longer exists.' },
  connection_duplicate: { sentence: 'This tenant is already connected.' },
  connection_order_invalid: { sentence: 'The new order of tenants did not match the list.', next: 'Try again.' },
  connection_tenant_mismatch: { sentence: 'That address now answers as another tenant, so Tessera stopped talking to it.', next: 'Check the connection’s address.' },
  connection_test_failed: { sentence: 'The connection test failed.', next: 'The report says which step and why.' },
  ca_too_large: { sentence: 'That CA certificate file is too large.', next: 'Choose the PEM file of the CA certificate itself.' },
  demo_unavailable: { sentence: 'The demo tenants could not be started.', next: 'The message says why.' },

  // The local copy and sync.
  changed_meanwhile: { sentence: 'Someone changed this while you were deciding.', next: 'Look at the new value and choose again.' },
  conflict_not_resolved: { sentence: 'The conflict could not be resolved.', next: 'Try again; nothing was lost.' },
  replica_unavailable: { sentence: 'The local copy could not be opened.', next: 'Restart Tessera; if it stays, free some disk space.' },
  replica_not_removed: { sentence: 'The tenant’s data could not be removed from the local copy.', next: 'It is removed at the next start.' },
  sync_invalid_document: { sentence: 'The tenant sent a record Tessera cannot read; it was left out.', next: 'The rest syncs on; the code below helps support.' },
  sync_storage_failed: { sentence: 'The local copy could not store what the tenant sent.', next: 'Free some disk space; Tessera tries again.' },
  save_failed: { sentence: 'The change could not be saved in the local copy.', next: 'Try again; your edit is still in the form.' },
  bulk_change_failed: { sentence: 'The change could not be made for this technical user.' },
  plan_limit: { sentence: 'The tenant’s plan allows no more technical users.', next: 'Delete one that is no longer needed, or raise the plan’s limit on the tenant.' },
  sweep_failed: { sentence: 'The offboarding sweep could not finish on this tenant.', next: 'Look again once the tenant is reachable.' },

  // Tokens and the reveal window.
  token_not_issued: { sentence: 'The token was not issued.' },
  reveal_open: { sentence: 'Another token is on screen right now.', next: 'Close it first.' },
  reveal_used: { sentence: 'That token was already shown once; it is never shown again.' },
  reveal_closed: { sentence: 'The window showing the token was closed.' },
  reveal_failed: { sentence: 'The window to show the token could not open.', next: 'The token was issued: revoke it and issue a new one.' },

  // Files and links.
  export_failed: { sentence: 'The file could not be written.', next: 'Choose another folder, or free some disk space.' },
  invalid_image: { sentence: 'The chart image could not be made; nothing was saved.' },
  external_link_blocked: { sentence: 'Tessera opens only links it knows.' },
  invalid_id: { sentence: 'That id is not one Tessera sends to a tenant.', next: 'This is likely a bug in Tessera; the code below helps support.' },

  // The IPC boundary between the window and main.
  ipc_unknown_command: { sentence: 'The window asked for something the app does not offer.', next: 'This is a bug in Tessera; the code below helps support.' },
  ipc_invalid_argument: { sentence: 'The window sent something the app does not accept.', next: 'This is a bug in Tessera; the code below helps support.' },
  ipc_forbidden_sender: { sentence: 'A page that is not Tessera’s own tried to use the app.' },
  ipc_internal: { sentence: 'Something went wrong that Tessera did not expect.', next: 'Try again; if it happens again, the code below helps support.' },
  ipc_invalid_result: { sentence: 'The app gave an answer the window does not understand.', next: 'This is a bug in Tessera; the code below helps support.' },
};

/**
 * What to show for an error: the sentence and next step for its code, and the original message where
 * it adds something (the tenant's own words, which field). An unknown code shows the message as it is.
 */
export function explainError(code: string, message: string): { readonly sentence: string; readonly detail: string | null; readonly next: string | null; readonly code: string } {
  const text = errorTexts[code];
  if (!text) return { sentence: message || 'Something went wrong.', detail: null, next: null, code };
  const detail = message && message !== text.sentence ? message : null;
  return { sentence: text.sentence, detail, next: text.next ?? null, code };
}
