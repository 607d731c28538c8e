"""The a11y template tags: Vietnamese data marked on English pages, controls described by their
errors then their help, a variant's photo named after its product, a countdown in words."""

import json
from types import SimpleNamespace

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from shops.templatetags.a11y import describedby, product_name, time_left, vi, vi_options


class PhoneForm(forms.Form):
    phone = forms.CharField(label="Số điện thoại", help_text="Người giao hàng gọi số này.")
    note = forms.CharField(required=False)

    def clean_phone(self):
        raise forms.ValidationError(["Số điện thoại không hợp lệ.", "Hãy nhập số Việt Nam."])


def render(source: str, **context) -> str:
    return Template("{% load a11y widget_tweaks %}" + source).render(Context(context))


def test_vietnamese_data_is_marked_only_on_pages_in_another_language():
    with translation.override("vi"):
        assert vi("Nước mắm <Cát Hải>") == "Nước mắm &lt;Cát Hải&gt;"
        assert render("<p{% vi_lang %}>x</p>") == "<p>x</p>"
    with translation.override("en"):
        assert vi("Nước mắm <Cát Hải>") == '<span lang="vi">Nước mắm &lt;Cát Hải&gt;</span>'
        assert vi("") == "" and vi(None) == ""
        assert render("<p{% vi_lang %}>x</p>") == '<p lang="vi">x</p>'
        assert render("{{ name|vi }}", name="Mắm") == '<span lang="vi">Mắm</span>'


def test_place_names_in_a_select_are_marked_but_its_choose_option():
    html = '<select><option value="">Choose a province</option><option value="1">Hà Nội</option></select>'
    with translation.override("en"):
        assert vi_options(html) == (
            '<select><option value="">Choose a province</option>'
            '<option lang="vi" value="1">Hà Nội</option></select>'
        )
    with translation.override("vi"):
        assert vi_options(html) == html


def test_a_control_is_described_by_its_errors_first_then_its_help():
    form = PhoneForm(data={"phone": "12"})
    form.is_valid()

    html = render("{{ form.phone|described }}", form=form)

    assert describedby(form["phone"]) == "id_phone_error1 id_phone_error2 id_phone_helptext"
    assert 'aria-describedby="id_phone_error1 id_phone_error2 id_phone_helptext"' in html
    assert 'aria-invalid="true"' in html
    assert describedby(form["phone"], "phone-hint").endswith("id_phone_helptext phone-hint")


def test_the_description_survives_widget_tweaks_and_is_left_out_when_there_is_nothing():
    form = PhoneForm()

    tweaked = render('{% render_field form.phone|described class+="form-control" %}', form=form)
    bare = render("{{ form.note|described }}{{ form.note|describedby_attr }}", form=form)

    assert 'class="form-control"' in tweaked and 'aria-describedby="id_phone_helptext"' in tweaked
    assert "aria-describedby" not in bare


def test_the_shared_form_field_partials_give_the_ids_the_control_names():
    form = PhoneForm(data={"phone": "12"})
    form.is_valid()
    for partial in ("oscar/partials/form_field.html", "seller/partials/field.html"):
        html = Template("{% include partial with field=form.phone %}").render(
            Context({"partial": partial, "form": form})
        )
        described = html.split('aria-describedby="', 1)[1].split('"', 1)[0].split()
        assert described == ["id_phone_error1", "id_phone_error2", "id_phone_helptext"], partial
        assert html.index('id="id_phone_error1"') < html.index('id="id_phone_helptext"')
        assert 'id="id_phone_helptext">Người giao hàng gọi số này.<' in html


def test_a_variant_photo_is_named_after_its_product_and_the_variant():
    honey = SimpleNamespace(title="Mật ong hoa nhãn", parent_id=None, parent=None)
    honey.get_title = lambda: honey.title
    litre = SimpleNamespace(title="1 lít", parent_id=1, parent=honey, get_title=lambda: "1 lít")
    untitled = SimpleNamespace(title="", parent_id=1, parent=honey, get_title=lambda: honey.title)

    assert product_name(honey) == "Mật ong hoa nhãn"
    assert product_name(litre) == "Mật ong hoa nhãn – 1 lít"
    assert product_name(untitled) == "Mật ong hoa nhãn"
    assert product_name(None) == ""


@pytest.mark.parametrize(
    ("seconds", "vietnamese", "english"),
    [
        (86_399, "23 giờ 59 phút", "23 hours 59 minutes"),
        (3_600, "1 giờ 0 phút", "1 hour 0 minutes"),
        (3_599, "59 phút 59 giây", "59 minutes 59 seconds"),
        (61, "1 phút 1 giây", "1 minute 1 second"),
        (9, "9 giây", "9 seconds"),
        (-5, "0 giây", "0 seconds"),
        ("x", "", ""),
    ],
)
def test_the_time_left_reads_in_words(seconds, vietnamese, english):
    with translation.override("vi"):
        assert time_left(seconds) == vietnamese
    with translation.override("en"):
        assert time_left(seconds) == english


def test_the_script_gets_the_same_words_for_one_and_for_many():
    with translation.override("en"):
        units = json.loads(render("{% time_units %}").replace("&quot;", '"'))
    assert units == {
        "h": ["# hour", "# hours"],
        "m": ["# minute", "# minutes"],
        "s": ["# second", "# seconds"],
    }
