#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Hearth developers
"""Keep po/POTFILES.in in step with the tree.

check-potfiles.py SOURCE_ROOT
    Fails when a file under src/ or data/ has translatable strings but is not
    listed in po/POTFILES.in (nor in po/POTFILES.skip), when a listed file does
    not exist, or when the list is not sorted or has duplicates.

check-potfiles.py SOURCE_ROOT --xgettext XGETTEXT
    Extracts the template from po/POTFILES.in the way `meson compile hearth-pot`
    does (the glib preset) into a temporary file, and fails when xgettext does.

Translatable means: a gettext call in C (_(), N_(), C_(), NC_(), Q_(), ngettext()
and the g_d*gettext() family, outside comments and string literals); a GtkBuilder
property or attribute with translatable="yes"; a desktop entry or AppStream
metainfo template (*.desktop.in, *.metainfo.xml.in, also .in.in); a GSettings
schema with a <summary> or <description>. Directories named tests are not scanned.
"""

import os
import re
import subprocess
import sys
import tempfile

SCANNED_DIRS = ('src', 'data')
SKIPPED_DIR_NAMES = {'tests', '.git'}

C_EXTENSIONS = ('.c', '.h')
C_KEYWORDS = re.compile(r'(?<![A-Za-z0-9_])'
                        r'(_|N_|C_|NC_|Q_|gettext|ngettext|pgettext|npgettext|'
                        r'g_dgettext|g_dcgettext|g_dngettext|g_dpgettext|g_dpgettext2)'
                        r'\s*\(')
BUILDER_TRANSLATABLE = re.compile(r'\btranslatable\s*=\s*["\'](yes|true|1)["\']', re.IGNORECASE)
SCHEMA_TEXT = re.compile(r'<(summary|description)\b')

# The same arguments as meson's i18n.gettext(preset: 'glib').
XGETTEXT_GLIB_PRESET = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format', '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format', '--flag=g_printerr:1:c-format', '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format', '--flag=g_sprintf:2:c-format', '--flag=g_snprintf:3:c-format',
]


def strip_c(text):
    """C source with comments removed and string/char literals emptied."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '/' and text.startswith('/*', i):
            end = text.find('*/', i + 2)
            i = n if end < 0 else end + 2
            out.append(' ')
        elif c == '/' and text.startswith('//', i):
            end = text.find('\n', i)
            i = n if end < 0 else end
        elif c in '"\'':
            j = i + 1
            while j < n and text[j] != c and text[j] != '\n':
                j += 2 if text[j] == '\\' else 1
            out.append(c + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def is_translatable(path):
    name = os.path.basename(path)
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            text = f.read()
    except OSError:
        return False

    if name.endswith(C_EXTENSIONS):
        return C_KEYWORDS.search(strip_c(text)) is not None
    if name.endswith('.ui'):
        return BUILDER_TRANSLATABLE.search(text) is not None
    if re.search(r'\.desktop(\.in)+$', name) or re.search(r'\.(metainfo|appdata)\.xml(\.in)+$', name):
        return True
    if re.search(r'\.gschema\.xml(\.in)*$', name):
        return SCHEMA_TEXT.search(text) is not None
    return False


def read_list(path):
    """The entries of a POTFILES-style list, in order, with their line numbers."""
    entries = []
    if not os.path.exists(path):
        return entries
    with open(path, encoding='utf-8') as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith('#') or line.startswith('['):
                continue
            entries.append((number, line))
    return entries


def check_lists(root):
    problems = []
    listed = read_list(os.path.join(root, 'po', 'POTFILES.in'))
    skipped = read_list(os.path.join(root, 'po', 'POTFILES.skip'))

    if not listed:
        problems.append('po/POTFILES.in is missing or empty')

    for list_name, entries in (('POTFILES.in', listed), ('POTFILES.skip', skipped)):
        seen = set()
        for number, entry in entries:
            if entry in seen:
                problems.append(f'po/{list_name}:{number}: {entry} is listed twice')
            seen.add(entry)
            if not os.path.isfile(os.path.join(root, entry)):
                problems.append(f'po/{list_name}:{number}: {entry} does not exist')

    names = [entry for _, entry in listed]
    if names != sorted(names):
        first = next(a for a, b in zip(names, sorted(names)) if a != b)
        problems.append(f'po/POTFILES.in is not sorted (C order), first out of place: {first}')

    known = set(names) | {entry for _, entry in skipped}
    found = []
    for top in SCANNED_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = sorted(d for d in dirnames
                                 if d not in SKIPPED_DIR_NAMES and not d.startswith('_build'))
            for filename in sorted(filenames):
                path = os.path.join(dirpath, filename)
                relative = os.path.relpath(path, root).replace(os.sep, '/')
                if is_translatable(path):
                    found.append(relative)
                    if relative not in known:
                        problems.append(f'{relative} has translatable strings but is not in po/POTFILES.in')

    return problems, len(names), len(found)


def check_xgettext(root, xgettext):
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'hearth.pot')
        command = [xgettext, '--package-name=hearth', '-p', tmp, '-D', root,
                   '--files-from=' + os.path.join(root, 'po', 'POTFILES.in'),
                   '-o', 'hearth.pot'] + XGETTEXT_GLIB_PRESET
        result = subprocess.run(command, capture_output=True, text=True)
        sys.stderr.write(result.stderr)
        if result.returncode != 0:
            return [f'xgettext failed with exit status {result.returncode}']
        warnings = [line for line in result.stderr.splitlines() if 'warning:' in line]
        if warnings:
            return ['xgettext warned (a string translators cannot match): ' + w for w in warnings]
        if not os.path.exists(pot):
            return ['xgettext wrote no template']
        with open(pot, encoding='utf-8') as f:
            count = sum(1 for line in f if line.startswith('msgid ')) - 1
        print(f'xgettext: {count} messages')
        # A msgid cut short at a macro ("%" G_GINT64_FORMAT " left") cannot match at run time.
        with open(pot, encoding='utf-8') as f:
            cut = [line.strip() for line in f if re.match(r'msgid(_plural)? "%"$', line.strip())]
        if cut:
            return ['a msgid ends at a format macro (use a plain "%" format and cast): ' + cut[0]]
    return []


def main(argv):
    if len(argv) not in (2, 4) or (len(argv) == 4 and argv[2] != '--xgettext'):
        sys.stderr.write(__doc__)
        return 2

    root = os.path.abspath(argv[1])

    if len(argv) == 4:
        problems = check_xgettext(root, argv[3])
    else:
        problems, n_listed, n_found = check_lists(root)
        print(f'POTFILES.in lists {n_listed} files; {n_found} files under '
              f'{" and ".join(d + "/" for d in SCANNED_DIRS)} have translatable strings')

    for problem in problems:
        print('FAIL: ' + problem)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
