"""Content of the demo page tree: the home page and the four section indexes.

Vietnamese is the source language (the site root); English pages are Wagtail
translations of them. Rich-text fields hold Wagtail's HTML subset (`<p>`).
"""

from dataclasses import dataclass

SITE_NAME = "OCOP Bắc Ninh"


@dataclass(frozen=True)
class HomeContent:
    slug: str
    title: str
    hero_title: str
    hero_text: str
    body: str


@dataclass(frozen=True)
class SectionContent:
    slug: str
    title: str
    intro: str


HOME = {
    "vi": HomeContent(
        slug="home",
        title=SITE_NAME,
        hero_title="Sản phẩm OCOP Bắc Ninh – tinh hoa làng nghề Kinh Bắc",
        hero_text=(
            "Mua trực tiếp sản phẩm OCOP của các hợp tác xã, doanh nghiệp và hộ sản xuất Bắc "
            "Ninh: đặc sản, đồ uống, thảo dược, đồ thủ công và trải nghiệm du lịch cộng đồng. "
            "Giao tận nhà hoặc nhận tại cửa hàng OCOP."
        ),
        body=(
            "<p>OCOP (Mỗi xã một sản phẩm) là chương trình quốc gia phát triển, đánh giá và "
            "quảng bá sản phẩm đặc trưng của từng địa phương. Sản phẩm đạt từ 3 sao trở lên "
            "được công nhận là sản phẩm OCOP.</p>"
            "<p>Mỗi sản phẩm gắn với một làng nghề, một vùng đất: tranh Đông Hồ, gốm Phù Lãng, "
            "đồ gỗ Đồng Kỵ, đồng Đại Bái, mây tre Xuân Lai, bánh phu thê Đình Bảng và nhiều "
            "hơn nữa.</p>"
        ),
    ),
    "en": HomeContent(
        slug="home-en",
        title=SITE_NAME,
        hero_title="OCOP products of Bắc Ninh – the craft villages of Kinh Bắc",
        hero_text=(
            "Buy OCOP products straight from Bắc Ninh's cooperatives, enterprises and household "
            "producers: local food, drinks, herbal products, handicrafts and community tourism. "
            "Delivered to your door or collected at an OCOP store."
        ),
        body=(
            "<p>OCOP (One Commune One Product) is Vietnam's national programme that develops, "
            "rates and promotes each locality's distinctive products. Products rated three "
            "stars or more are recognised as OCOP products.</p>"
            "<p>Every product comes from a craft village or a place: Đông Hồ woodblock prints, "
            "Phù Lãng pottery, Đồng Kỵ carved wood, Đại Bái bronze, Xuân Lai bamboo and "
            "rattan, Đình Bảng wedding cakes and more.</p>"
        ),
    ),
}

# Keyed by the page model's name in the cms app; each index exists once under
# the home page of its locale.
SECTIONS = {
    "CraftVillageIndexPage": {
        "vi": SectionContent(
            "lang-nghe",
            "Làng nghề",
            "<p>Bắc Ninh có hàng chục làng nghề truyền thống: tranh dân gian Đông Hồ, gốm Phù "
            "Lãng, đồ gỗ Đồng Kỵ, đúc đồng Đại Bái, mây tre đan Xuân Lai, giấy Phong Khê… "
            "Tìm hiểu câu chuyện phía sau từng sản phẩm.</p>",
        ),
        "en": SectionContent(
            "craft-villages",
            "Craft villages",
            "<p>Bắc Ninh has dozens of traditional craft villages: Đông Hồ folk prints, Phù "
            "Lãng pottery, Đồng Kỵ woodwork, Đại Bái bronze, Xuân Lai bamboo and rattan, "
            "Phong Khê paper… Discover the story behind each product.</p>",
        ),
    },
    "TourismIndexPage": {
        "vi": SectionContent(
            "du-lich",
            "Du lịch",
            "<p>Về quê hương Quan họ, di sản văn hóa phi vật thể đại diện của nhân loại: hát "
            "Quan họ ở làng Viêm Xá, làm gốm ở Phù Lãng, in tranh ở Đông Hồ, viếng Đền Đô.</p>",
        ),
        "en": SectionContent(
            "tourism",
            "Tourism",
            "<p>Visit the home of Quan họ singing, on UNESCO's list of the intangible cultural "
            "heritage of humanity: sing Quan họ in Viêm Xá, throw pots in Phù Lãng, print "
            "pictures in Đông Hồ and visit the Đền Đô temple.</p>",
        ),
    },
    "StoreIndexPage": {
        "vi": SectionContent(
            "cua-hang",
            "Cửa hàng OCOP",
            "<p>Các điểm giới thiệu và bán sản phẩm OCOP trong tỉnh: xem tận tay, mua trực "
            "tiếp hoặc nhận hàng đã đặt trên mạng.</p>",
        ),
        "en": SectionContent(
            "stores",
            "OCOP stores",
            "<p>The province's OCOP display-and-sale points: see products for yourself, buy "
            "them on the spot or collect what you ordered online.</p>",
        ),
    },
    "NewsIndexPage": {
        "vi": SectionContent(
            "tin-tuc",
            "Tin tức",
            "<p>Tin về chương trình OCOP Bắc Ninh: kết quả đánh giá và xếp hạng sản phẩm, hội "
            "chợ, sự kiện.</p>",
        ),
        "en": SectionContent(
            "news",
            "News",
            "<p>News from Bắc Ninh's OCOP programme: product ratings, fairs and events.</p>",
        ),
    },
}
