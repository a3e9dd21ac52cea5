#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Hearth developers
"""check-screenshots.py METAINFO SCREENSHOT_DIR

Every screenshot of the AppStream metainfo (template) is a raw URL of a file in
data/screenshots/ on the main branch; fails when that file is not in SCREENSHOT_DIR,
is not a PNG, or has another size than the width and height the metainfo states.
`appstreamcli validate --no-net` cannot see this: it does not fetch the URLs.
"""

import os
import struct
import sys
import xml.etree.ElementTree as ET

URL_PREFIX = 'https://raw.githubusercontent.com/hearthchat/hearth/main/data/screenshots/'
PNG_SIGNATURE = b'\x89PNG\r\n\x1a\n'


def png_size(path):
    """(width, height) from the IHDR chunk, or None when the file is not a PNG."""
    with open(path, 'rb') as f:
        head = f.read(24)
    if len(head) < 24 or not head.startswith(PNG_SIGNATURE) or head[12:16] != b'IHDR':
        return None
    return struct.unpack('>II', head[16:24])


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    metainfo, screenshot_dir = argv[1], argv[2]

    images = ET.parse(metainfo).getroot().findall('./screenshots/screenshot/image')
    if not images:
        print(f'{metainfo}: no screenshot', file=sys.stderr)
        return 1

    problems = []
    for image in images:
        url = (image.text or '').strip()
        if not url.startswith(URL_PREFIX):
            problems.append(f'{url}: not under {URL_PREFIX}')
            continue
        name = url[len(URL_PREFIX):]
        path = os.path.join(screenshot_dir, name)
        if '/' in name or not os.path.isfile(path):
            problems.append(f'{url}: {path} does not exist')
            continue
        size = png_size(path)
        if size is None:
            problems.append(f'{path}: not a PNG')
            continue
        stated = (image.get('width'), image.get('height'))
        if stated != (None, None) and tuple(int(v or 0) for v in stated) != size:
            problems.append(f'{path}: {size[0]}x{size[1]}, the metainfo says '
                            f'{stated[0]}x{stated[1]}')
            continue
        print(f'ok {name} ({size[0]}x{size[1]})')

    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
