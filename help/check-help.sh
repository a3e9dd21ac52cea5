#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Hearth developers
#
# check-help.sh HELP_DIR PAGE...: runs yelp-check over the Mallard pages of HELP_DIR (help/C).
# Fails when a page is not valid Mallard, has a broken xref, has an id other than its file
# name, or is not reachable from index.page, and when HELP_DIR holds a page that
# help/meson.build does not install. Skips (77) without yelp-check (Debian: yelp-tools).

set -u

if ! command -v yelp-check >/dev/null 2>&1; then
  echo "yelp-check not found (install yelp-tools): skipped"
  exit 77
fi

dir="$1"
shift
cd "$dir" || exit 1

status=0

for page in *.page; do
  case " $* " in
    *" $page "*) ;;
    *) echo "FAIL: help/C/$page is not in help_pages of help/meson.build"; status=1 ;;
  esac
done

for check in validate links ids orphans; do
  output="$(yelp-check "$check" "$@" 2>&1)"
  rc=$?
  if [ "$rc" -ne 0 ] || [ -n "$output" ]; then
    printf 'FAIL: yelp-check %s (exit %s):\n%s\n' "$check" "$rc" "$output"
    status=1
  else
    echo "yelp-check $check: ok ($# pages)"
  fi
done

exit "$status"
