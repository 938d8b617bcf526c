"""Form pieces every section's filters share."""

import re

from django import forms

# A "valid floating-point number" in the HTML standard's sense.
HTML_NUMBER = re.compile(r"-?(\d+(\.\d+)?|\.\d+)([eE][-+]?\d+)?")


class NumberInput(forms.NumberInput):
    """A number field that shows a submitted value again only when it is a number: ``value="beaucoup"`` is
    invalid HTML, shown empty anyway; the error next to the field says what was wrong."""

    def format_value(self, value):
        value = super().format_value(value)
        if value is None or not HTML_NUMBER.fullmatch(str(value)):
            return None
        return value
