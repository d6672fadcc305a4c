#!/usr/bin/env bash
# Runs a command with a private D-Bus session bus and a fresh, unlocked
# GNOME Keyring on it: the real Secret Service, isolated from the user's own
# keychain (its data lives in a temporary XDG_DATA_HOME and is thrown away).
#   bash .ci/with-keyring.sh playwright test
set -euo pipefail
if [ -z "${TESSERA_KEYRING_SESSION:-}" ]; then
  if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
    echo "with-keyring: dbus-run-session or gnome-keyring-daemon is missing (apt-get install dbus gnome-keyring);" >&2
    echo "with-keyring: running without an isolated keychain — tests that store secrets will report the vault unavailable." >&2
    exec "$@"
  fi
  export TESSERA_KEYRING_SESSION=1
  exec dbus-run-session -- bash "$0" "$@"
fi
XDG_DATA_HOME="$(mktemp -d)"
XDG_RUNTIME_DIR="$(mktemp -d)"
export XDG_DATA_HOME XDG_RUNTIME_DIR
chmod 700 "$XDG_RUNTIME_DIR"
printf 'tessera-test' | gnome-keyring-daemon --daemonize --unlock --components=secrets >/dev/null 2>&1
cleanup() { rm -rf "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"; }
trap cleanup EXIT
"$@"
