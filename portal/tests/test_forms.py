from core.forms import NumberInput


def test_number_input_shows_numbers_again():
    for value in ["38000", "-2", "0.5", ".5", "1e3"]:
        assert f'value="{value}"' in NumberInput().render("salaire", value)


def test_number_input_drops_what_is_not_a_number():
    for value in ["beaucoup", "38 000", "1,5", "", "12abc"]:
        assert "value=" not in NumberInput().render("salaire", value)
