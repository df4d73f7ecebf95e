"""SVG figures pass through unchanged in shape, but never with anything that runs.

An SVG is an XML document a browser may execute: `<script>`, `on*` event attributes and
`javascript:` links are removed, and the file is parsed with defusedxml so a hostile document
(entity expansion, external entities) cannot harm the build.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

SVG_NS = "http://www.w3.org/2000/svg"
_DROPPED_TAGS = {"script", "foreignObject"}


class UnsafeSvg(ValueError):
    """The file is not an SVG the site can publish (unparseable or hostile XML)."""


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def sanitise(data: bytes) -> tuple[bytes, int]:
    """The SVG without scripts; also how many elements or attributes were removed."""
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except (ET.ParseError, DefusedXmlException, ValueError) as error:
        raise UnsafeSvg(str(error) or type(error).__name__) from error
    if _local(root.tag) != "svg":
        raise UnsafeSvg("the root element is not <svg>")
    removed = 0
    for parent in list(root.iter()):
        for child in list(parent):
            if _local(child.tag) in _DROPPED_TAGS:
                parent.remove(child)
                removed += 1
        for name, value in list(parent.attrib.items()):
            if _local(name).lower().startswith("on") or (
                _local(name) == "href" and value.strip().lower().startswith("javascript:")
            ):
                del parent.attrib[name]
                removed += 1
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True), removed
