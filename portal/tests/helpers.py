"""Helpers the test modules of every app share."""

import json
import re

JSON_LD = re.compile(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', re.DOTALL)


def json_ld_blocks(html: str) -> list:
    """Every JSON-LD block of a page, parsed (whatever nonce the tag carries)."""
    return [json.loads(block) for block in JSON_LD.findall(html)]
