"""Demo OCOP producers, their users and a certificate for every demo product.

Places, crafts and villages are real Bắc Ninh ones (including the former Bắc
Giang province, merged in July 2025); producer names, tax codes, decision
numbers (all starting "DEMO-"), scores and dates are invented. Certificate
dates are set relative to the day the demo is loaded, so there is always one
certificate expiring within 30 days (OCOP-BN-013) and one expired
(OCOP-BN-023).
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from catalogue.models import (
    CraftVillage,
    LegalForm,
    OcopCertificate,
    Producer,
    ProducerMembership,
    Product,
)
from storefront.demo.pages import VILLAGES
from storefront.demo.products import PRODUCTS

Changes = Counter[str]

# Development only: load_demo_data refuses to run with DEBUG off.
PRODUCER_PASSWORD = "ocop-producer-dev"  # noqa: S105


@dataclass(frozen=True)
class DemoProducer:
    slug: str
    name: str
    legal_form: str
    tax_code: str
    commune: str
    old_district: str
    village: str | None
    description_vi: str
    description_en: str
    products: tuple[int, ...]
    user: str | None = None  # email of a demo producer user


P = LegalForm
PRODUCERS = [
    DemoProducer("htx-banh-da-tho-ha", "HTX Bánh đa nem Thổ Hà", P.COOPERATIVE, "2400900101",
                 "Vân Hà", "Việt Yên", None,
                 "Hợp tác xã của các gia đình tráng bánh đa nem bên sông Cầu.",
                 "A cooperative of rice-paper families on the Cầu river.", (1,)),
    DemoProducer("co-so-banh-phu-the-dinh-bang", "Cơ sở bánh phu thê Đình Bảng", P.HOUSEHOLD,
                 "27A8000102", "Đình Bảng", "Từ Sơn", "dinh-bang",
                 "Hộ làm bánh phu thê ba đời ở làng Đình Bảng.",
                 "Three generations of phu thê cake makers in Đình Bảng.", (2, 12, 44)),
    DemoProducer("htx-nem-ninh-xa", "HTX Nem Ninh Xá", P.COOPERATIVE, "2300900103",
                 "Ninh Xá", "Thuận Thành", None,
                 "Nem làng Bùi làm theo công thức truyền thống.",
                 "Bùi village nem made to the traditional recipe.", (3, 13)),
    DemoProducer("to-hop-tac-toi-an-thinh", "Tổ hợp tác tỏi An Thịnh", P.COOPERATIVE_GROUP,
                 "THT0104", "An Thịnh", "Lương Tài", None,
                 "Các hộ trồng tỏi ta và làm tỏi đen ở An Thịnh.",
                 "Households growing local garlic and making black garlic in An Thịnh.",
                 (4, 20)),
    DemoProducer("htx-nong-nghiep-hoang-gia", "HTX Nông nghiệp Hoàng Gia", P.COOPERATIVE,
                 "2300900105", "Bình Dương", "Gia Bình", None,
                 "Rau nhà lưới và măng tây xanh trồng theo VietGAP.",
                 "Net-house vegetables and green asparagus grown to VietGAP.", (5, 6)),
    DemoProducer("co-so-banh-da-ke", "Cơ sở bánh đa Kế", P.HOUSEHOLD, "20B8000106",
                 "Dĩnh Kế", "TP Bắc Giang", None,
                 "Bánh đa vừng nướng than của làng Kế.",
                 "Kế village sesame rice crackers, grilled over charcoal.", (7,)),
    DemoProducer("cong-ty-dac-san-luc-ngan", "Công ty TNHH Đặc sản Lục Ngạn", P.ENTERPRISE,
                 "2400900107", "Chũ", "Lục Ngạn", None,
                 "Vải thiều, mật ong hoa vải và mì Chũ của vùng Lục Ngạn.",
                 "Lychees, lychee-blossom honey and Chũ noodles from Lục Ngạn.",
                 (8, 9, 10, 18)),
    DemoProducer("htx-ruou-lang-van", "HTX Rượu làng Vân", P.COOPERATIVE, "2400900108",
                 "Vân Hà", "Việt Yên", None,
                 "Rượu nếp cái hoa vàng nấu và hạ thổ theo lối làng Vân.",
                 "Glutinous rice wine distilled and aged underground the Vân way.", (14, 15)),
    DemoProducer("cong-ty-duoc-lieu-kinh-bac", "Công ty CP Chè và Dược liệu Kinh Bắc",
                 P.ENTERPRISE, "2300900109", "Phật Tích", "Tiên Du", None,
                 "Chè, trà hoa và sản phẩm thảo dược từ vùng trung du.",
                 "Tea, flower infusions and herbal products from the midlands.",
                 (16, 17, 19, 21, 22, 23, 24)),
    DemoProducer("xuong-tranh-dong-ho", "Xưởng tranh Đông Hồ Song Hồ", P.HOUSEHOLD,
                 "27A8000110", "Song Hồ", "Thuận Thành", "dong-ho",
                 "In tranh dân gian bằng ván khắc gỗ và màu tự nhiên trên giấy điệp.",
                 "Folk prints from carved woodblocks, natural colours on điệp paper.",
                 (25, 26, 42), "tranh-dong-ho@ocop.local"),
    DemoProducer("htx-gom-phu-lang", "HTX Gốm Phù Lãng", P.COOPERATIVE, "2300900111",
                 "Phù Lãng", "Quế Võ", "phu-lang",
                 "Gốm men da lươn nung củi bên sông Cầu.",
                 "Eel-skin glazed pottery, wood-fired on the Cầu river.",
                 (27, 28, 38, 43), "gom-phu-lang@ocop.local"),
    DemoProducer("cong-ty-my-nghe-dong-ky", "Công ty TNHH Mỹ nghệ Đồng Kỵ", P.ENTERPRISE,
                 "2300900112", "Đồng Nguyên", "Từ Sơn", "dong-ky",
                 "Đồ gỗ hương chạm khắc thủ công.",
                 "Hand-carved rosewood furniture.", (29, 30)),
    DemoProducer("htx-duc-dong-dai-bai", "HTX Đúc đồng Đại Bái", P.COOPERATIVE, "2300900113",
                 "Đại Lai", "Gia Bình", "dai-bai",
                 "Đúc và gò đồng thủ công của làng Đại Bái.",
                 "Hand casting and beating of bronze in Đại Bái.", (31, 32, 33),
                 "dong-dai-bai@ocop.local"),
    DemoProducer("to-hop-tac-may-tre-xuan-lai", "Tổ hợp tác mây tre đan Xuân Lai",
                 P.COOPERATIVE_GROUP, "THT0114", "Xuân Lai", "Gia Bình", "xuan-lai",
                 "Đan mây tre thành đồ dùng và đồ trang trí.",
                 "Rattan and bamboo woven into homeware and decor.", (34, 35)),
    DemoProducer("to-hop-tac-giay-do-phong-khe", "Tổ hợp tác giấy dó Phong Khê",
                 P.COOPERATIVE_GROUP, "THT0115", "Phong Khê", "TP Bắc Ninh", "phong-khe",
                 "Giấy dó làm tay từ vỏ cây dó.", "Hand-made paper from dó bark.", (36, 37)),
    DemoProducer("vuon-cay-canh-tien-du", "Hộ kinh doanh Vườn cây cảnh Tiên Du", P.HOUSEHOLD,
                 "27A8000116", "Tiên Du", "Tiên Du", None,
                 "Cây thế, đào và lan chậu.", "Bonsai, peach trees and potted orchids.",
                 (39, 40)),
    DemoProducer("htx-du-lich-viem-xa", "HTX Du lịch cộng đồng Viêm Xá", P.COOPERATIVE,
                 "2300900117", "Hòa Long", "Yên Phong", None,
                 "Đón khách nghe Quan họ và làm bánh khúc ở làng Diềm.",
                 "Quan họ singing and bánh khúc making in Diềm village.", (11, 41)),
]  # fmt: skip

FIVE_STARS = {25, 27, 31}
THREE_STARS = {6, 7, 12, 13, 17, 21, 22, 23, 37, 40, 44}
EXPIRING = 13  # expires within 30 days of loading
EXPIRED = 23  # expired last month
GROUP_OF = {item.upc: item.group for item in PRODUCTS}


def load_producers() -> Changes:
    """Craft villages, producers, producer users, product owners and certificates."""
    changes = Counter()
    # The content's village records (storefront.demo.pages), so the village
    # pages and this step agree on names whichever runs first.
    villages = {}
    for demo_village in VILLAGES:
        village, created = CraftVillage.objects.get_or_create(
            slug=demo_village.key,
            defaults={
                "name_vi": demo_village.name_vi,
                "name_en": demo_village.name_en,
                "crafts_vi": demo_village.crafts_vi,
                "crafts_en": demo_village.crafts_en,
                "commune": demo_village.commune,
            },
        )
        villages[demo_village.key] = village
        changes["new craft villages"] += created
    existing = {p.tax_code: p for p in Producer.objects.filter(
        tax_code__in=[d.tax_code for d in PRODUCERS])}  # fmt: skip
    products = {p.upc: p for p in Product.objects.filter(upc__startswith="OCOP-BN-")}
    have_certificates = set(
        OcopCertificate.objects.filter(product__in=products.values()).values_list(
            "product__upc", flat=True
        )
    )
    today = timezone.localdate()
    User = get_user_model()
    for demo in PRODUCERS:
        producer = existing.get(demo.tax_code)
        if producer is None:
            producer = Producer.objects.create(
                slug=demo.slug,
                name=demo.name,
                legal_form=demo.legal_form,
                tax_code=demo.tax_code,
                province="Bắc Ninh",
                commune=demo.commune,
                old_district=demo.old_district,
                address=f"Xã/phường {demo.commune}, tỉnh Bắc Ninh",
                contact_person="Người liên hệ (demo)",
                phone="0222 3800 000",
                email=f"{demo.slug}@ocop.local",
                description_vi=demo.description_vi,
                description_en=demo.description_en,
                craft_village=villages.get(demo.village),
                status=Producer.Status.VERIFIED,
            )
            changes["new producers"] += 1
        if demo.user and not User.objects.filter(username=demo.user).exists():
            user = User.objects.create_user(
                username=demo.user, email=demo.user, password=PRODUCER_PASSWORD
            )
            ProducerMembership.objects.create(producer=producer, user=user)
            changes["new producer users"] += 1
        for number in demo.products:
            upc = f"OCOP-BN-{number:03d}"
            product = products.get(upc)
            if product is None:
                continue
            if product.producer_id is None:
                Product.objects.filter(pk=product.pk).update(producer=producer)
                changes["products given a producer"] += 1
            if upc not in have_certificates:
                _certify(product, number, today)
                changes["new certificates"] += 1
    return changes


def _certify(product: Product, number: int, today: date) -> None:
    stars = 5 if number in FIVE_STARS else 3 if number in THREE_STARS else 4
    # Spread issue dates over the last two years; two fixed edge cases.
    issue = today - timedelta(days=60 + 11 * number)
    expiry = None
    if number == EXPIRING:
        issue = today - timedelta(days=3 * 365)
        expiry = today + timedelta(days=20)
    elif number == EXPIRED:
        issue = today - timedelta(days=3 * 365 + 40)
        expiry = today - timedelta(days=30)
    certificate = OcopCertificate(
        product=product,
        stars=stars,
        score={3: 58 + number % 10, 4: 72 + number % 15, 5: 91 + number % 8}[stars],
        product_group=GROUP_OF[product.upc],
        decision_number=(
            f"DEMO-{100 + number}/QĐ-BNNMT" if stars == 5 else f"DEMO-{300 + number}/QĐ-UBND"
        ),
        decision_date=issue,
        issuing_authority="national" if stars == 5 else "province",
        issue_date=issue,
        expiry_date=expiry,
    )
    certificate.full_clean(exclude=["product"])
    certificate.save()
