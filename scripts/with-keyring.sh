#!/bin/sh
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring (Secret Service),
# so keychain tests use the real OS keychain. The keyring lives in a throwaway HOME.
set -eu
if ! command -v dbus-run-session >/dev/null 2>&1 || ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
  echo "with-keyring: dbus-run-session or gnome-keyring-daemon missing; running without a keychain" >&2
  exec "$@"
fi
KEYRING_HOME=$(mktemp -d "${TMPDIR:-/tmp}/studio-keyring.XXXXXX")
export STUDIO_KEYRING_HOME="$KEYRING_HOME"
exec dbus-run-session -- sh -c '
  export HOME="$STUDIO_KEYRING_HOME"
  mkdir -p "$HOME/.local/share/keyrings"
  printf "%s" "studio-test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"
' sh "$@"
