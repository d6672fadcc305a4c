// The reveal window: shows one new token's secret, once. Plain DOM and no
// dependencies, so this page holds nothing but what it needs; it has its
// own preload (`window.tesseraReveal`) and none of the console's bridge.
import type { RevealBridge, RevealView } from '../../shared/ipc/revealContract.ts';
import './reveal.css';

declare global {
  interface Window {
    readonly tesseraReveal?: RevealBridge;
  }
}

const root = document.getElementById('reveal')!;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: { className?: string; text?: string; attrs?: Record<string, string> } = {}, ...children: Node[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

const dateTime = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const clock = (ms: number) => {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

function showError(message: string): void {
  root.replaceChildren(el('h1', { text: 'Token not available' }), el('p', { className: 'alert', text: message, attrs: { role: 'alert' } }));
}

function render(bridge: RevealBridge, view: RevealView): void {
  const secret = el('input', { className: 'secret', attrs: { type: 'text', readonly: '', 'aria-label': 'Token secret', spellcheck: 'false', autocomplete: 'off', id: 'secret' } });
  secret.value = view.secret;
  const status = el('p', { className: 'status', attrs: { role: 'status', id: 'copy-status' } });
  const countdown = el('span', { className: 'countdown', attrs: { id: 'countdown' } });
  const copy = el('button', { className: 'button button-primary', text: 'Copy', attrs: { type: 'button' } });
  const done = el('button', { className: 'button', text: 'Done', attrs: { type: 'button' } });
  let copied = false;
  let confirmClose = false;

  // Ctrl+C on the field goes through Copy too, so the clipboard is cleared afterwards either way.
  secret.addEventListener('copy', (event) => {
    event.preventDefault();
    copy.click();
  });
  copy.addEventListener('click', () => {
    void bridge.copy().then((result) => {
      if (!result.ok) {
        status.textContent = result.error.message;
        return;
      }
      copied = true;
      status.textContent = `Copied. The clipboard is cleared at ${new Date(result.value.clearsAt).toLocaleTimeString()} (in ${view.clipboardClearSeconds} s) if it still holds this token.`;
    });
  });
  const close = () => {
    if (!copied && !confirmClose) {
      confirmClose = true;
      status.textContent = 'You have not copied the token. It cannot be shown again — press Done again to close anyway.';
      done.textContent = 'Close without copying';
      return;
    }
    void bridge.done();
  };
  done.addEventListener('click', close);
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
  });

  const facts = el(
    'dl',
    { className: 'facts' },
    el('dt', { text: 'Technical user' }),
    el('dd', { text: `${view.userName} · ${view.tenantName}` }),
    el('dt', { text: 'Label' }),
    el('dd', { text: view.label || '—' }),
    el('dt', { text: 'Expires' }),
    el('dd', { text: dateTime(view.expiresAt) }),
  );
  if (view.replaces) {
    facts.append(el('dt', { text: 'Replaces' }), el('dd', { text: `${view.replaces.prefix}… — ${view.replaces.worksUntil ? `keeps working until ${dateTime(view.replaces.worksUntil)}` : 'stopped working now'}` }));
  }
  root.replaceChildren(
    el('h1', { text: view.replaces ? 'Replacement API token' : 'New API token' }),
    facts,
    el('label', { text: 'Secret', attrs: { for: 'secret' } }),
    secret,
    el('p', { className: 'warning', text: 'This is the only time Tessera shows this secret. Put it in the integration’s secret store now. Whoever holds it can do everything this technical user may do.' }),
    status,
    el('footer', {}, countdown, el('span', { className: 'spacer' }), done, copy),
  );
  const closesAt = Date.parse(view.closesAt);
  const tick = () => {
    countdown.textContent = `This window closes in ${clock(closesAt - Date.now())}`;
  };
  tick();
  setInterval(tick, 1000);
  copy.focus();
}

async function start(): Promise<void> {
  const bridge = window.tesseraReveal;
  if (!bridge) {
    showError('This page only works in Tessera’s token window.');
    return;
  }
  const result = await bridge.load();
  if (!result.ok) showError(result.error.message);
  else render(bridge, result.value);
  document.documentElement.dataset.revealReady = 'true';
}

void start();
