#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Hearth developers
#
# run-a11y.sh HEARTH
#
# Runs the accessibility and keyboard test (test-a11y.py, by /usr/bin/python3) against the
# built app HEARTH in a sealed desktop of its own:
#
#  - its own X server (Xvfb, on a display number it picks itself: no race with other X
#    servers starting at the same time): the keys the test types never reach the user's
#    display, and the a11y bus address the launcher puts on the root window stays there;
#  - a private session bus whose only activatable service is org.a11y.Bus (no portal, no
#    notification daemon: DESIGN.md §9), with at-spi-bus-launcher started up front and
#    at-spi2-registryd activated on the a11y bus before the app starts;
#  - a throwaway HOME, XDG directories and unlocked login keyring (tests/run-with-keyring.sh).
#
# The test starts HEARTH itself (with accessibility on: the ui suite's GTK_A11Y=none is
# overridden for the app). The bus, the keyring, the a11y bus and the X server go away when
# the test exits; its exit status is passed on.
#
# Without python3-pyatspi or at-spi2-core it prints a TAP skip plan; the other tools it needs
# come with `build-aux/hearth-dev deps`.

set -eu

here="$(cd "$(dirname "$0")" && pwd)"

bail ()
{
  echo "Bail out! $*"
  exit 1
}

case "${HEARTH_A11Y_STAGE:-}" in
  "")
    [ $# -ge 1 ] || bail "usage: run-a11y.sh HEARTH"
    [ -x "$1" ] || bail "$1 is not an executable (build it first)"

    if ! /usr/bin/python3 -c 'import pyatspi' >/dev/null 2>&1; then
      echo "1..0 # SKIP python3-pyatspi is not installed"
      exit 0
    fi
    launcher=""
    for dir in /usr/libexec /usr/lib/at-spi2-core /usr/lib/at-spi2 /usr/lib; do
      if [ -x "$dir/at-spi-bus-launcher" ]; then
        launcher="$dir/at-spi-bus-launcher"
        break
      fi
    done
    if [ -z "$launcher" ]; then
      echo "1..0 # SKIP at-spi2-core (at-spi-bus-launcher) is not installed"
      exit 0
    fi
    for tool in Xvfb dbus-run-session gnome-keyring-daemon gdbus xdotool; do
      command -v "$tool" >/dev/null 2>&1 \
        || bail "$tool is not installed (build-aux/hearth-dev deps installs it)"
    done

    tmp="$(mktemp -d "${TMPDIR:-/tmp}/hearth-a11y.XXXXXX")"
    xvfb_pid=""
    trap '[ -z "$xvfb_pid" ] || kill "$xvfb_pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT

    # -displayfd: Xvfb writes the display it got once it accepts connections.
    Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp 3>"$tmp/display" >/dev/null 2>&1 &
    xvfb_pid=$!
    tries=0
    while [ ! -s "$tmp/display" ]; do
      kill -0 "$xvfb_pid" 2>/dev/null || bail "Xvfb did not start"
      tries=$((tries + 1))
      [ "$tries" -le 300 ] || bail "Xvfb gave no display number within 30 s"
      sleep 0.1
    done
    DISPLAY=":$(cat "$tmp/display")"
    export DISPLAY
    # GTK must use that X server, not a Wayland session the test may be started from.
    unset WAYLAND_DISPLAY
    export GDK_BACKEND=x11

    mkdir -m 0700 "$tmp/services"
    printf '[D-BUS Service]\nName=org.a11y.Bus\nExec=%s\n' "$launcher" \
      >"$tmp/services/org.a11y.Bus.service"
    cat >"$tmp/session.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:dir=$tmp</listen>
  <servicedir>$tmp/services</servicedir>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF

    # run-with-keyring.sh brings the throwaway HOME and keyring; HEARTH_KEYRING_INNER tells
    # it that it already is on a private bus (this one).
    status=0
    HEARTH_A11Y_STAGE=inner HEARTH_A11Y_LAUNCHER="$launcher" HEARTH_KEYRING_INNER=1 \
      dbus-run-session --config-file="$tmp/session.conf" -- \
      "$here/../run-with-keyring.sh" "$0" "$@" || status=$?
    exit "$status"
    ;;

  inner)
    unset HEARTH_A11Y_STAGE
    "$HEARTH_A11Y_LAUNCHER" --launch-immediately --a11y=1 >/dev/null 2>&1 &
    launcher_pid=$!
    trap 'kill "$launcher_pid" 2>/dev/null || true' EXIT

    gdbus wait --session --timeout 20 org.a11y.Bus \
      || bail "at-spi-bus-launcher did not appear on the session bus"
    address="$(gdbus call --session --dest org.a11y.Bus --object-path /org/a11y/bus \
                 --method org.a11y.Bus.GetAddress | sed -n "s/^('\(.*\)',)\$/\1/p")"
    [ -n "$address" ] || bail "org.a11y.Bus gave no a11y bus address"
    # Activates at-spi2-registryd on the a11y bus and waits for it to answer.
    gdbus call --address "$address" --dest org.a11y.atspi.Registry \
      --object-path /org/a11y/atspi/registry --method org.freedesktop.DBus.Peer.Ping \
      >/dev/null || bail "at-spi2-registryd did not start on the a11y bus"

    # The app and the test use this a11y bus, whatever the environment says.
    export AT_SPI_BUS_ADDRESS="$address"
    status=0
    /usr/bin/python3 "$here/test-a11y.py" "$@" || status=$?
    exit "$status"
    ;;

  *)
    bail "unknown HEARTH_A11Y_STAGE '${HEARTH_A11Y_STAGE}'"
    ;;
esac
