"""Demo schedules for the community-tourism experiences (OCOP group 6).

Each experience runs on set weekdays at one or two times a day, with places
per session; none has an end to its season, so the product pages always
show the next weeks. One closed date (a village festival) shows how a day
the host does not work looks in the calendar.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from oscar.core.loading import get_model

from storefront.demo.products import PRODUCTS, _p
from storefront.experiences.models import ClosedDate, Experience, SessionTime

Product = get_model("catalogue", "Product")


@dataclass(frozen=True)
class DemoSchedule:
    upc: str
    child_price: int | None
    min_people: int
    max_people: int
    duration_minutes: int
    meeting_point: str
    latitude: str
    longitude: str
    in_english: bool
    included: str
    what_to_bring: str
    weekdays: str
    times: tuple[tuple[str, int], ...]  # (start, places)
    lead_days: int
    free_cancellation_hours: int
    closed_in_days: int | None = None  # a festival day this many days from today
    closed_reason: str = ""


# The catalogue's price of each experience is its price per person.
PRICES = {item.upc: item.price for item in PRODUCTS}

SCHEDULES = [
    DemoSchedule(
        upc=_p(41),
        child_price=None,
        min_people=2,
        max_people=15,
        duration_minutes=180,
        meeting_point="Đình làng Diềm, thôn Viêm Xá, phường Hoà Long, Bắc Ninh",
        latitude="21.215300",
        longitude="106.075900",
        in_english=True,
        included="Liền anh, liền chị hát Quan họ; mời trầu, nước chè; mặc thử áo mớ ba mớ bảy.",
        what_to_bring="Trang phục lịch sự khi vào đình, đền; ô hoặc nón khi trời nắng.",
        weekdays="56",
        times=(("14:00", 20),),
        lead_days=2,
        free_cancellation_hours=48,
        closed_in_days=12,
        closed_reason="Lễ hội làng Diềm",
    ),
    DemoSchedule(
        upc=_p(42),
        child_price=150000,
        min_people=1,
        max_people=10,
        duration_minutes=120,
        meeting_point="Trung tâm Bảo tồn tranh dân gian Đông Hồ, xã Song Hồ, Bắc Ninh",
        latitude="21.049800",
        longitude="106.096700",
        in_english=True,
        included="Giấy điệp, màu tự nhiên, bản khắc; một bức tranh tự in mang về.",
        what_to_bring="Áo có thể dính màu; trẻ em dưới 6 tuổi đi cùng người lớn.",
        weekdays="0123456",
        times=(("08:30", 12), ("14:00", 12)),
        lead_days=1,
        free_cancellation_hours=24,
    ),
    DemoSchedule(
        upc=_p(43),
        child_price=200000,
        min_people=1,
        max_people=8,
        duration_minutes=180,
        meeting_point="Nhà văn hoá thôn Phù Lãng, xã Phù Lãng, Bắc Ninh",
        latitude="21.151200",
        longitude="106.265400",
        in_english=False,
        included="Đất sét, men, nung và gửi sản phẩm về nhà sau khoảng hai tuần.",
        what_to_bring="Quần áo gọn gàng, dễ giặt; khăn lau tay.",
        weekdays="1234560",
        times=(("08:00", 6), ("14:00", 6)),
        lead_days=1,
        free_cancellation_hours=48,
    ),
    DemoSchedule(
        upc=_p(44),
        child_price=100000,
        min_people=2,
        max_people=20,
        duration_minutes=240,
        meeting_point="Cổng Đền Đô, phường Đình Bảng, Từ Sơn, Bắc Ninh",
        latitude="21.108700",
        longitude="105.958400",
        in_english=True,
        included="Hướng dẫn viên, vé vào Đền Đô, nước uống.",
        what_to_bring="Giày đi bộ, trang phục kín vai khi vào đền.",
        weekdays="0246",
        times=(("08:00", 25),),
        lead_days=1,
        free_cancellation_hours=72,
    ),
]


def load_experiences() -> Counter:
    """A schedule for each demo experience that has none; existing ones stay as staff left them."""
    changes = Counter()
    products = {p.upc: p for p in Product.objects.filter(upc__in=[s.upc for s in SCHEDULES])}
    have = set(
        Experience.objects.filter(product__in=products.values()).values_list(
            "product__upc", flat=True
        )
    )
    today = timezone.localdate()
    for item in SCHEDULES:
        product = products.get(item.upc)
        if product is None or item.upc in have:
            continue
        experience = Experience.objects.create(
            product=product,
            price_per_person=Decimal(PRICES[item.upc]),
            child_price=item.child_price,
            min_people=item.min_people,
            max_people=item.max_people,
            duration_minutes=item.duration_minutes,
            meeting_point=item.meeting_point,
            latitude=Decimal(item.latitude),
            longitude=Decimal(item.longitude),
            in_english=item.in_english,
            included=item.included,
            what_to_bring=item.what_to_bring,
            weekdays=item.weekdays,
            lead_days=item.lead_days,
            free_cancellation_hours=item.free_cancellation_hours,
        )
        for start, places in item.times:
            SessionTime.objects.create(
                experience=experience, starts_at=dt.time.fromisoformat(start), capacity=places
            )
        if item.closed_in_days is not None:
            ClosedDate.objects.create(
                experience=experience,
                date=today + dt.timedelta(days=item.closed_in_days),
                reason=item.closed_reason,
            )
        changes["new experience schedules"] += 1
    return changes
