"""What a browser would post back from an admin change page, as the page shows it (form and inlines)."""

from django.forms import CheckboxInput, MultiWidget, NullBooleanSelect


def widget_of(bound):
    widget = bound.field.widget
    return getattr(widget, "widget", widget)  # RelatedFieldWidgetWrapper wraps the real one


def encode(value) -> str:
    return "" if value is None else str(value)


def form_fields(form) -> dict:
    data = {}
    for bound in form:
        value, widget, name = bound.value(), widget_of(bound), bound.html_name
        if isinstance(widget, CheckboxInput):
            if value:
                data[name] = "on"
        elif isinstance(widget, NullBooleanSelect):
            data[name] = {True: "true", False: "false"}.get(value, "unknown")
        elif isinstance(widget, MultiWidget):
            parts = value if isinstance(value, list | tuple) else widget.decompress(value)
            for index, part in enumerate(parts):
                data[f"{name}_{index}"] = encode(part)
        elif isinstance(value, list | tuple):
            data[name] = [encode(item) for item in value]
        else:
            data[name] = encode(value)
    return data


def change_page_data(client, url) -> dict:
    """The change page's form and every inline, filled as the page shows them."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    data = form_fields(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data |= form_fields(formset.management_form)
        for form in formset.initial_forms:
            data |= form_fields(form)
        data[f"{formset.prefix}-TOTAL_FORMS"] = str(len(formset.initial_forms))
    return data


def add_inline_row(data, prefix, **fields) -> dict:
    """One more row in the inline ``prefix``, as "Ajouter un autre" would add it."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data = {**data, f"{prefix}-TOTAL_FORMS": str(index + 1)}
    return data | {f"{prefix}-{index}-{name}": value for name, value in fields.items()}
