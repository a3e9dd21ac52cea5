#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Hearth developers
#
# run-if-found.sh TOOL [ARGS...]: runs TOOL ARGS, or exits 77 (meson's "skipped") when TOOL
# is not installed. The data suite's validators use it: a missing desktop-file-utils or
# appstream skips its test, any other failure of the tool fails it.

tool="$1"
shift

if ! command -v "$tool" >/dev/null 2>&1; then
  echo "$tool is not installed: skipped"
  exit 77
fi

echo "$tool $*"
exec "$tool" "$@"
