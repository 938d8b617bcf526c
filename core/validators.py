"""Text that every page, feed and file can carry: no control characters in any stored text.

One invisible character (U+0001, U+001B…) in a title breaks the XML feeds and the XLSX export, unseen in the
admin; ``guard_text_fields()`` makes every text field of every project model refuse them, whatever writes it, a
new model included. A ``TextField`` may hold tabs and line breaks, a ``CharField`` not.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# C0 controls, DEL, C1 controls, surrogates and the two non-characters XML 1.0 cannot hold.
_FORBIDDEN = "\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
_SINGLE_LINE = re.compile(f"[{_FORBIDDEN}]")
_MULTI_LINE = re.compile(f"(?![\t\n\r])[{_FORBIDDEN}]")

LINE_BREAKS = {"\t": _("une tabulation"), "\n": _("un retour à la ligne"), "\r": _("un retour chariot")}


def forbidden_character(text: str, *, multiline: bool) -> re.Match | None:
    """The first character ``text`` may not hold, or None."""
    return (_MULTI_LINE if multiline else _SINGLE_LINE).search(text)


def without_control_characters(text: str) -> str:
    """``text`` without what the validators refuse (tab and line breaks kept): for rows stored before them."""
    return _MULTI_LINE.sub("", text)


@deconstructible
class ControlCharacterValidator:
    """Refuses control characters; ``multiline`` allows tab, line feed and carriage return."""

    code = "control_character"

    def __init__(self, multiline: bool):
        self.multiline = multiline

    def __call__(self, value):
        if not isinstance(value, str):
            return
        found = forbidden_character(value, multiline=self.multiline)
        if found is None:
            return
        char, position = found.group(), found.start() + 1
        params = {"code": f"U+{ord(char):04X}", "position": position}
        if char in LINE_BREAKS:
            raise ValidationError(
                _("Ce champ tient sur une ligne : il contient %(what)s (%(code)s) en position %(position)d.")
                % {"what": LINE_BREAKS[char], **params},
                code=self.code,
            )
        raise ValidationError(
            _("Ce texte contient un caractère de contrôle invisible (%(code)s) en position %(position)d : retirez-le.")
            % params,
            code=self.code,
        )

    def __eq__(self, other):
        return isinstance(other, ControlCharacterValidator) and other.multiline == self.multiline


single_line_text = ControlCharacterValidator(multiline=False)
multi_line_text = ControlCharacterValidator(multiline=True)


def text_validator(field) -> ControlCharacterValidator | None:
    """The validator a model field needs: every text field has one, other fields none."""
    if isinstance(field, models.TextField):
        return multi_line_text
    if isinstance(field, models.CharField):
        return single_line_text
    return None


def guard_text_fields(models_to_guard) -> None:
    """Add the control-character validator to every text field of ``models_to_guard`` (twice is safe), as Django
    appends ``MaxLengthValidator`` to ``field.validators``: ``deconstruct()`` does not see it, nor migrations."""
    for model in models_to_guard:
        for field in model._meta.get_fields():
            validator = text_validator(field)
            if validator is not None and field.concrete and validator not in field.validators:
                field.validators.append(validator)
