"""Demo OCOP stores across Bắc Ninh, their hours, managers and stock.

Towns and wards are real (two-tier local government since 1 July 2025);
street addresses, phone numbers, coordinates (approximate town centres),
quantities and the manager accounts are invented for the demo.
"""

import datetime as dt
import zlib
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model

from storefront.partner.models import Partner, StockRecord, StoreClosure, StoreOpeningHours
from storefront.partner.services import create_stock_record

# Development only: load_demo_data refuses to run with DEBUG off.
MANAGER_PASSWORD = "ocop-store-dev"  # noqa: S105
LOW_STOCK_THRESHOLD = 5


@dataclass(frozen=True)
class DemoStore:
    code: str
    name: str
    commune: str
    street: str
    lat: str
    lng: str
    phone: str
    manager: str  # username; email is <username>@ocop.local
    # (opens, closes) Monday–Sunday; None = closed that day
    hours: tuple
    carries_all: bool = False


DAILY = (("07:30", "21:00"),) * 7
WEEKDAYS_SAT = (("08:00", "17:30"),) * 5 + (("08:00", "12:00"), None)
LONG_WEEKEND = (("08:00", "18:00"),) * 5 + (("07:00", "21:00"),) * 2
CLOSED_MONDAY = (None,) + (("08:00", "18:00"),) * 6

STORES = [
    DemoStore(
        "ocop-kinh-bac",
        "Cửa hàng OCOP Kinh Bắc",
        "Phường Kinh Bắc",
        "15 Lý Thái Tổ",
        "21.186000",
        "106.076000",
        "0222 3812 001",
        "quanly.kinhbac",
        DAILY,
        carries_all=True,
    ),
    DemoStore(
        "ocop-tu-son",
        "Cửa hàng OCOP Từ Sơn",
        "Phường Từ Sơn",
        "88 Minh Khai",
        "21.117000",
        "105.957000",
        "0222 3833 002",
        "quanly.tuson",
        LONG_WEEKEND,
    ),
    DemoStore(
        "ocop-dinh-bang",
        "Điểm bán OCOP Đình Bảng",
        "Phường Đình Bảng",
        "Cạnh Đền Đô",
        "21.106000",
        "105.951000",
        "0222 3833 003",
        "quanly.dinhbang",
        CLOSED_MONDAY,
    ),
    DemoStore(
        "ocop-thuan-thanh",
        "Cửa hàng OCOP Thuận Thành",
        "Phường Thuận Thành",
        "21 Thiên Đức",
        "21.050000",
        "106.080000",
        "0222 3865 004",
        "quanly.thuanthanh",
        WEEKDAYS_SAT,
    ),
    DemoStore(
        "ocop-que-vo",
        "Cửa hàng OCOP Quế Võ",
        "Phường Quế Võ",
        "5 Phố Mới",
        "21.140000",
        "106.160000",
        "0222 3634 005",
        "quanly.quevo",
        LONG_WEEKEND,
    ),
    DemoStore(
        "ocop-gia-binh",
        "Cửa hàng OCOP Gia Bình",
        "Xã Gia Bình",
        "Thị trấn cũ, đường Nguyễn Trãi",
        "21.060000",
        "106.180000",
        "0222 3670 006",
        "quanly.giabinh",
        WEEKDAYS_SAT,
    ),
    DemoStore(
        "ocop-tien-du",
        "Cửa hàng OCOP Tiên Du",
        "Xã Tiên Du",
        "12 Lim",
        "21.130000",
        "106.020000",
        "0222 3837 007",
        "quanly.tiendu",
        DAILY,
    ),
    DemoStore(
        "ocop-bac-giang",
        "Cửa hàng OCOP Bắc Giang",
        "Phường Bắc Giang",
        "40 Nguyễn Văn Cừ",
        "21.273000",
        "106.194000",
        "0204 3855 008",
        "quanly.bacgiang",
        LONG_WEEKEND,
    ),
]

PICKUP_INSTRUCTIONS = (
    "Đưa mã nhận hàng cho nhân viên ở quầy thu ngân. Mang theo giấy tờ tùy thân nếu người "
    "khác nhận hộ."
)


def _time(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


def load_stores() -> Counter:
    """The stores with hours, a demo closure (Tết) and one manager each."""
    changes = Counter()
    users = get_user_model()
    for item in STORES:
        store, created = Partner.objects.get_or_create(
            code=item.code,
            defaults={
                "name": item.name,
                "slug": item.code,
                "province": "Bắc Ninh",
                "commune": item.commune,
                "street": item.street,
                "latitude": Decimal(item.lat),
                "longitude": Decimal(item.lng),
                "phone": item.phone,
                "pickup_instructions": PICKUP_INSTRUCTIONS,
            },
        )
        changes["new stores"] += created
        if created:
            StoreOpeningHours.objects.bulk_create(
                StoreOpeningHours(store=store, weekday=day, opens=_time(h[0]), closes=_time(h[1]))
                for day, h in enumerate(item.hours)
                if h
            )
            StoreClosure.objects.create(
                store=store, date=dt.date(2027, 2, 6), reason="Tết Nguyên đán"
            )
        email = f"{item.manager}@ocop.local"
        manager = users.objects.filter(email__iexact=email).first()
        if manager is None:
            manager = users.objects.create_user(
                username=item.manager, email=email, password=MANAGER_PASSWORD
            )
            changes["new store managers"] += 1
        if not store.managers.filter(pk=manager.pk).exists():
            store.managers.add(manager)
    return changes


def quantity_at(store_code: str, upc: str, carries_all: bool) -> int | None:
    """Demo quantity of a product at a store, or None if the store does not carry it.

    Deterministic (a CRC of the codes), so every run and every machine agrees:
    about two stores in three carry a product; one in eight of those is empty
    and one in eight runs low.
    """
    roll = zlib.crc32(f"{store_code}:{upc}".encode())
    if not carries_all and roll % 3 == 0:
        return None
    bucket = (roll >> 4) % 8
    if bucket == 0:
        return 0
    if bucket == 1:
        return 1 + (roll >> 8) % 4
    return 6 + (roll >> 8) % 45


def stock_products(products_and_prices) -> Counter:
    """Stock records for the products at the stores that carry them; existing ones stay."""
    changes = Counter()
    stores = {s.code: s for s in Partner.objects.filter(code__in=[i.code for i in STORES])}
    existing = set(
        StockRecord.objects.filter(partner__in=stores.values()).values_list(
            "partner_id", "product_id"
        )
    )
    for product, price in products_and_prices:
        for item in STORES:
            store = stores[item.code]
            quantity = quantity_at(item.code, product.upc, item.carries_all)
            if quantity is None or (store.pk, product.pk) in existing:
                continue
            create_stock_record(
                store=store,
                product=product,
                price=price,
                quantity=quantity,
                low_stock_threshold=LOW_STOCK_THRESHOLD,
                sku=product.upc,
            )
            changes["new stock records"] += 1
    return changes
