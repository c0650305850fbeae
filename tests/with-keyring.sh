#!/usr/bin/env bash
# Runs a command with a private, unlocked Secret Service (gnome-keyring) on
# a private D-Bus session, so tests use the real credential store code path
# without touching the user's own keyring. Usage: tests/with-keyring.sh CMD…
set -euo pipefail
if [ -z "${INTROSPOR_KEYRING_READY:-}" ]; then
    exec dbus-run-session -- env INTROSPOR_KEYRING_READY=1 "$0" "$@"
fi
keyring_home=$(mktemp -d)
keyring_runtime=$(mktemp -d)
trap 'rm -rf "$keyring_home" "$keyring_runtime"' EXIT
# --login creates and unlocks a login keyring with the password read from
# stdin; --start finds that daemon through its control socket in the
# runtime folder and serves the Secret Service on this D-Bus session.
printf 'introspor-test' | HOME="$keyring_home" XDG_RUNTIME_DIR="$keyring_runtime" \
    gnome-keyring-daemon --login --daemonize >/dev/null
HOME="$keyring_home" XDG_RUNTIME_DIR="$keyring_runtime" \
    gnome-keyring-daemon --start --components=secrets >/dev/null
"$@"
