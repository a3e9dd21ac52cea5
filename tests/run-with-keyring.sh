#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Hearth developers
#
# run-with-keyring.sh PROGRAM [ARGS...]
#
# Runs PROGRAM on a private D-Bus session bus with a real gnome-keyring-daemon (secrets
# component only) whose login keyring is created and unlocked with a throwaway password, in
# a throwaway HOME: the user's own keyring and bus are never touched. The bus, and with it
# the keyring daemon, goes away when PROGRAM exits; its exit status is passed on.
#
# Without gnome-keyring-daemon or dbus-run-session it prints a TAP skip plan (install them
# with `build-aux/hearth-dev deps`).

set -eu

if [ "${HEARTH_KEYRING_INNER:-}" != 1 ]; then
  for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "1..0 # SKIP $tool is not installed"
      exit 0
    fi
  done
  # A bus with no service directories: nothing is activated on it (no portal, no
  # notification daemon); the keyring daemon is started below (DESIGN.md §9).
  conf="$(mktemp "${TMPDIR:-/tmp}/hearth-keyring-bus.XXXXXX")"
  cat >"$conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:tmpdir=${TMPDIR:-/tmp}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF
  HEARTH_KEYRING_INNER=1 HEARTH_KEYRING_CONF="$conf" \
    exec dbus-run-session --config-file="$conf" -- "$0" "$@"
fi
unset HEARTH_KEYRING_INNER
rm -f "${HEARTH_KEYRING_CONF:-}"
unset HEARTH_KEYRING_CONF

tmp="$(mktemp -d "${TMPDIR:-/tmp}/hearth-keyring.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
mkdir -m 0700 "$tmp/home" "$tmp/data" "$tmp/config" "$tmp/cache" "$tmp/runtime"
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" \
       XDG_CACHE_HOME="$tmp/cache" XDG_RUNTIME_DIR="$tmp/runtime"

# --unlock reads the login keyring's password from stdin (creating the keyring) and prints
# the daemon's environment on stdout, which would end up in the TAP stream.
printf '%s' "hearth-throwaway-$$" \
  | gnome-keyring-daemon --unlock --components=secrets >/dev/null

# The daemon daemonizes before it owns its name.
if ! gdbus wait --session --timeout 10 org.freedesktop.secrets; then
  echo "Bail out! gnome-keyring-daemon did not appear on the bus"
  exit 1
fi

export HEARTH_TEST_KEYRING=1
status=0
"$@" || status=$?
exit "$status"
