"""Programme overview: figures against the province's targets, which staff set."""

import pytest
from django.urls import reverse
from django.utils import translation
from oscar.test.factories import UserFactory

from catalogue.models import LegalForm, ProgrammeTargets
from catalogue.services import programme_progress
from storefront.partner.models import Partner
from tests.catalogue.conftest import make_certificate, make_producer

pytestmark = pytest.mark.django_db


def _by_label(measures):
    return {str(m.label): m for m in measures}


def test_progress_counts_stars_formal_producers_stores_and_share(ocop_product, other_product):
    make_producer(legal_form=LegalForm.ENTERPRISE)
    make_producer(legal_form=LegalForm.HOUSEHOLD)  # household businesses do not count
    make_certificate(other_product, stars=5, decision_number="1/QĐ-TTg")
    Partner.objects.create(name="Cửa hàng OCOP Từ Sơn", code="ocop-tu-son")

    with translation.override("en"):
        measures = _by_label(programme_progress())

    assert measures["5★ products"].value == 1
    # the two fixture cooperatives + one enterprise
    assert measures["Verified enterprises and cooperatives"].value == 3
    assert measures["OCOP stores"].value >= 1
    assert measures["Products with a valid 3★+ certificate"].value == 100
    assert not measures["5★ products"].met  # default target: 3


def test_staff_set_a_target_and_the_overview_measures_against_it(client, ocop_product):
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    response = client.post(
        reverse("ocop:dash:targets"),
        {
            "five_star_products": 0,
            "enterprises_and_cooperatives": 1,
            "stores": 8,
            "certified_share": 50,
        },
    )
    assert response.status_code == 302
    assert ProgrammeTargets.current().five_star_products == 0
    page = client.get(reverse("ocop:dash:overview")).content.decode()
    assert 'data-testid="ocop-targets"' in page
    assert "≥ 0" in page and "≥ 8" in page


def test_a_share_over_100_percent_is_refused_and_nothing_saved(client):
    client.force_login(UserFactory(is_staff=True))
    response = client.post(
        reverse("ocop:dash:targets"),
        {
            "five_star_products": 3,
            "enterprises_and_cooperatives": 10,
            "stores": 8,
            "certified_share": 150,
        },
    )
    assert response.status_code == 200
    assert "certified_share" in response.context["form"].errors
    assert ProgrammeTargets.current().certified_share == 50


def test_only_staff_see_or_set_targets(client, member):
    url = reverse("ocop:dash:targets")
    assert client.get(url).status_code == 302
    client.force_login(member)
    assert client.get(url).status_code == 403
    assert client.post(url, {"stores": 0}).status_code == 403
    assert ProgrammeTargets.current().stores == 8
