"""The account menu's role links, worked out in one query (storefront_tags.account_roles)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalogue.models import ProducerMembership
from storefront.partner.models import Partner
from tests.catalogue.conftest import make_producer

pytestmark = pytest.mark.django_db

LINKS = ("portal-link", "my-store-link", "dashboard-link")


def _user(name, **fields):
    return get_user_model().objects.create_user(
        username=name, email=f"{name}@example.vn", password="pw-123456789", **fields
    )


@pytest.fixture
def people(db):
    producer = _user("nhasanxuat")
    ProducerMembership.objects.create(producer=make_producer(), user=producer)
    manager = _user("quanly")
    Partner.objects.create(name="Cửa hàng OCOP Từ Sơn", code="ocop-tu-son").managers.add(manager)
    partner_staff = _user("doitac")
    group = Group.objects.create(name="Dashboard partners")
    group.permissions.add(
        Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
    )
    partner_staff.groups.add(group)
    direct = _user("quyenrieng")
    direct.user_permissions.add(
        Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
    )
    return {
        "shopper": (_user("khach"), set()),
        "producer": (producer, {"portal-link"}),
        "manager": (manager, {"my-store-link"}),
        "staff": (_user("canbo", is_staff=True), {"dashboard-link"}),
        "superuser": (_user("quantri", is_superuser=True), {"dashboard-link"}),
        "group permission": (partner_staff, {"dashboard-link"}),
        "own permission": (direct, {"dashboard-link"}),
    }


def test_each_role_gets_its_links_and_every_role_the_same_queries(client, people):
    url = reverse("catalogue:index")
    counts = {}
    for role, (user, expected) in people.items():
        client.force_login(user)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url).content.decode()
        shown = {link for link in LINKS if f'data-testid="{link}"' in page}
        assert shown == expected, role
        counts[role] = len(queries)
    assert len(set(counts.values())) == 1, counts


def test_the_header_counts_a_signed_in_basket_on_any_page(client, product, django_user_model):
    user = _user("khachmua")
    client.force_login(user)
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 3})
    for url in (reverse("catalogue:index"), reverse("basket:summary")):
        page = client.get(url).content.decode()
        assert 'data-testid="basket-count">3</span>' in page, url
