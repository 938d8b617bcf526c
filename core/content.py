"""Helpers for the shipped-content loaders that each app keeps in ``loaders.py``.

A loader reads its app's JSON file and creates what is missing, identified by
slug. It never updates a row that exists: staff may have edited it since.
"""

import json
from collections import Counter
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError


class ContentError(Exception):
    """The content file cannot be loaded; the message says where and why."""


def read_json(path: Path) -> dict:
    try:
        with path.open(encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise ContentError(f"{path.name} : fichier introuvable ({path}).") from None
    except UnicodeDecodeError as exc:
        raise ContentError(f"{path.name} : le fichier n’est pas en UTF-8 ({exc.reason}).") from None
    except json.JSONDecodeError as exc:
        raise ContentError(
            f"{path.name}, ligne {exc.lineno}, colonne {exc.colno} : JSON invalide ({exc.msg})."
        ) from None
    if not isinstance(data, dict):
        raise ContentError(f"{path.name} : un objet JSON est attendu à la racine.")
    return data


def parse_date(value, where: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ContentError(f"{where} : date invalide {value!r} (format attendu AAAA-MM-JJ).") from None


def save_new(instance, where: str, counts: Counter):
    """Validate like the admin would (constraints included), then save."""
    try:
        instance.full_clean()
    except ValidationError as exc:
        details = "; ".join(f"{field} : {' '.join(errors)}" for field, errors in exc.message_dict.items())
        raise ContentError(f"{where} : {details}") from None
    instance.save()
    counts[instance._meta.verbose_name_plural] += 1
    return instance


def field(item: dict, key: str, where: str):
    try:
        return item[key]
    except (KeyError, TypeError):
        raise ContentError(f"{where} : le champ « {key} » manque.") from None
