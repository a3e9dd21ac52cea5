#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Hearth developers
#
# run-with-bus.sh PROGRAM [ARGS...]
#
# Runs PROGRAM on a private, empty D-Bus session bus: a bus configuration with no service
# directories, so nothing is ever activated on it (no portal, no org.gtk.Notifications, no
# notification daemon, no tray watcher) and the test starts exactly the services it wants
# (python3-dbusmock's templates, fake watchers of its own). HOME and the XDG directories
# are throwaway ones, and HEARTH_TEST_PRIVATE_BUS=1 tells the test it may play the desktop. The bus goes away when PROGRAM exits; its exit status is passed on.
#
# Without dbus-run-session it prints a TAP skip plan (install it with
# `build-aux/hearth-dev deps`).

set -eu

if ! command -v dbus-run-session >/dev/null 2>&1; then
  echo "1..0 # SKIP dbus-run-session is not installed"
  exit 0
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/hearth-bus.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
mkdir -m 0700 "$tmp/home" "$tmp/data" "$tmp/config" "$tmp/cache" "$tmp/runtime"

cat >"$tmp/session.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:dir=$tmp/runtime</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF

status=0
HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" \
  XDG_CACHE_HOME="$tmp/cache" XDG_RUNTIME_DIR="$tmp/runtime" HEARTH_TEST_PRIVATE_BUS=1 \
  dbus-run-session --config-file="$tmp/session.conf" -- "$@" || status=$?
exit "$status"
