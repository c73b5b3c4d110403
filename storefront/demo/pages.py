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


# --- craft villages ---------------------------------------------------------


@dataclass(frozen=True)
class PageText:
    """One language's text of a detail page; `body` is rich text (`<p>`)."""

    slug: str
    title: str
    intro: str
    body: str = ""
    extra: str = ""  # craft villages: how to visit; otherwise unused


@dataclass(frozen=True)
class DemoProducer:
    """A demo producer for a village, made only when the village has none.

    Names and legal forms are invented in the style of real OCOP producers;
    the tax codes are invented and start with 9999 so they match no business.
    """

    name: str
    legal_form: str
    tax_code: str
    address: str


@dataclass(frozen=True)
class Village:
    key: str  # slug of the catalogue.CraftVillage record
    name_vi: str
    name_en: str
    crafts_vi: str
    crafts_en: str
    commune: str
    latitude: float
    longitude: float
    product_codes: tuple[str, ...]
    producer: DemoProducer
    vi: PageText
    en: PageText


# Positions are approximate village centres (OpenStreetMap); communes as named
# before the July 2025 merger, which is how visitors and signposts still name them.
VILLAGES = [
    Village(
        "dong-ho",
        "Làng tranh Đông Hồ",
        "Đông Hồ painting village",
        "Tranh dân gian khắc gỗ",
        "Folk woodblock prints",
        "Song Hồ, Thuận Thành",
        21.0636,
        106.0883,
        ("OCOP-BN-025", "OCOP-BN-026", "OCOP-BN-042"),
        DemoProducer(
            "Hộ kinh doanh tranh dân gian Đông Hồ",
            "household",
            "9999000101",
            "Làng Đông Hồ, Song Hồ, Thuận Thành, Bắc Ninh",
        ),
        PageText(
            "lang-tranh-dong-ho",
            "Làng tranh Đông Hồ",
            "Bên bờ sông Đuống, làng Đông Hồ in tranh dân gian bằng ván khắc gỗ trên giấy điệp "
            "từ hơn ba trăm năm nay.",
            "<p>Tranh Đông Hồ được in thủ công, mỗi màu một bản khắc: đen từ than lá tre, đỏ từ "
            "sỏi son, vàng từ hoa hòe, xanh từ lá chàm. Giấy điệp làm từ vỏ sò nghiền trộn hồ "
            "gạo, ánh lên khi nghiêng tranh.</p><p>Những bức quen thuộc như Đám cưới chuột, Lợn "
            "đàn, Chăn trâu thổi sáo ghi lại đời sống và mong ước của người nông dân; xưa kia "
            "tranh được bán nhiều nhất vào dịp Tết.</p>",
            "<p>Làng cách trung tâm Bắc Ninh khoảng 20 km, qua cầu Hồ. Các xưởng tranh mở cửa "
            "hằng ngày; nên gọi trước nếu muốn tự tay in tranh. Tháng Chạp có chợ tranh.</p>",
        ),
        PageText(
            "dong-ho-painting-village",
            "Đông Hồ painting village",
            "On the bank of the Đuống river, Đông Hồ has printed folk pictures from carved "
            "woodblocks on seashell paper for more than three hundred years.",
            "<p>Đông Hồ prints are made by hand, one woodblock per colour: black from bamboo-leaf "
            "charcoal, red from red gravel, yellow from pagoda-tree flowers, blue from indigo. "
            "The điệp paper is coated with crushed seashell and rice paste, and shimmers in the "
            "light.</p><p>Favourites such as The Rats' Wedding and The Herd of Pigs picture "
            "village life and farmers' wishes; they used to sell most at Tết.</p>",
            "<p>The village is about 20 km from Bắc Ninh city, over the Hồ bridge. Workshops "
            "open every day; call ahead to print a picture yourself. A print market is held in "
            "the last lunar month.</p>",
        ),
    ),
    Village(
        "phu-lang",
        "Làng gốm Phù Lãng",
        "Phù Lãng pottery village",
        "Gốm sành men da lươn",
        "Stoneware with eel-skin glaze",
        "Phù Lãng, Quế Võ",
        21.1604,
        106.2409,
        ("OCOP-BN-027", "OCOP-BN-028", "OCOP-BN-038", "OCOP-BN-043"),
        DemoProducer(
            "Hợp tác xã gốm Phù Lãng",
            "cooperative",
            "9999000102",
            "Thôn Phù Lãng, Phù Lãng, Quế Võ, Bắc Ninh",
        ),
        PageText(
            "lang-gom-phu-lang",
            "Làng gốm Phù Lãng",
            "Làng gốm bên sông Cầu, nổi tiếng với men da lươn nâu vàng và gốm đắp nổi.",
            "<p>Nghề gốm Phù Lãng có từ thế kỷ XIII. Đất sét đỏ lấy từ ven sông được nhào, vuốt "
            "tay trên bàn xoay và nung trong lò củi, cho men màu da lươn đặc trưng.</p><p>Ngày "
            "nay, bên cạnh chum vại, các nghệ nhân làm tranh gốm đắp nổi, bình hoa và đồ trang "
            "trí được ưa chuộng.</p>",
            "<p>Từ Bắc Ninh đi khoảng 30 km theo đê sông Cầu. Nhiều xưởng đón khách làm gốm; "
            "mùa khô (tháng 10 – tháng 4) đường đê dễ đi nhất.</p>",
        ),
        PageText(
            "phu-lang-pottery-village",
            "Phù Lãng pottery village",
            "A pottery village on the Cầu river, known for its brown-gold eel-skin glaze and "
            "relief ceramics.",
            "<p>Phù Lãng has made pottery since the 13th century. Red clay from the riverbank is "
            "kneaded, thrown by hand on a wheel and fired in wood kilns, which gives the "
            "typical eel-skin glaze.</p><p>Besides jars and urns, potters now make relief "
            "ceramic pictures, vases and decorative pieces.</p>",
            "<p>About 30 km from Bắc Ninh along the Cầu river dyke. Several workshops welcome "
            "visitors to try the wheel; the dry season (October – April) is easiest for the "
            "dyke road.</p>",
        ),
    ),
    Village(
        "dong-ky",
        "Làng gỗ Đồng Kỵ",
        "Đồng Kỵ woodcarving village",
        "Đồ gỗ mỹ nghệ chạm khắc",
        "Carved fine-wood furniture",
        "Đồng Kỵ, Từ Sơn",
        21.1356,
        105.9577,
        ("OCOP-BN-029", "OCOP-BN-030"),
        DemoProducer(
            "Công ty TNHH đồ gỗ mỹ nghệ Đồng Kỵ",
            "enterprise",
            "9999000103",
            "Phường Đồng Kỵ, Từ Sơn, Bắc Ninh",
        ),
        PageText(
            "lang-go-dong-ky",
            "Làng gỗ Đồng Kỵ",
            "Một trong những làng gỗ mỹ nghệ lớn nhất miền Bắc, nổi tiếng với đồ gỗ chạm khắc "
            "tinh xảo.",
            "<p>Nghề mộc Đồng Kỵ phát triển mạnh từ thế kỷ XX, từ những đôi câu đối, hoành phi "
            "đến bàn ghế, tủ chè chạm sen, rồng phượng.</p><p>Hội làng mùng 4 Tết có lễ rước "
            "pháo nổi tiếng, nay là rước pháo tượng trưng.</p>",
            "<p>Làng cách Hà Nội 20 km, ngay sát Từ Sơn. Phố trưng bày đồ gỗ mở cửa cả ngày.</p>",
        ),
        PageText(
            "dong-ky-woodcarving-village",
            "Đồng Kỵ woodcarving village",
            "One of northern Vietnam's largest fine-wood villages, known for delicate carving.",
            "<p>Woodwork in Đồng Kỵ flourished in the 20th century, from parallel sentences and "
            "lacquered boards to tea tables and cabinets carved with lotus, dragons and "
            "phoenixes.</p><p>The village festival on the 4th day of Tết has a famous "
            "firecracker procession, now held symbolically.</p>",
            "<p>20 km from Hà Nội, next to Từ Sơn. The showroom street is open all day.</p>",
        ),
    ),
    Village(
        "dai-bai",
        "Làng đúc đồng Đại Bái",
        "Đại Bái bronze village",
        "Đồ đồng gò và đúc",
        "Hammered and cast bronze",
        "Đại Bái, Gia Bình",
        21.0412,
        106.1459,
        ("OCOP-BN-031", "OCOP-BN-032", "OCOP-BN-033"),
        DemoProducer(
            "Hợp tác xã đồng mỹ nghệ Đại Bái",
            "cooperative",
            "9999000104",
            "Làng Đại Bái, Gia Bình, Bắc Ninh",
        ),
        PageText(
            "lang-dong-dai-bai",
            "Làng đúc đồng Đại Bái",
            "Làng gò đồng gần nghìn năm tuổi, thờ ông tổ nghề Nguyễn Công Truyền.",
            "<p>Thợ Đại Bái gò mâm, nồi, chậu từ tấm đồng và đúc lư hương, tượng, trống đồng "
            "theo khuôn đất. Nghề được truyền từ thời Lý.</p><p>Tiếng búa gò vang khắp làng là "
            "dấu hiệu quen thuộc với người đến thăm.</p>",
            "<p>Cách Bắc Ninh khoảng 25 km về phía nam. Các cửa hàng dọc đường làng nhận đặt "
            "hàng và khắc chữ theo yêu cầu.</p>",
        ),
        PageText(
            "dai-bai-bronze-village",
            "Đại Bái bronze village",
            "A bronze-hammering village nearly a thousand years old, honouring its craft "
            "founder Nguyễn Công Truyền.",
            "<p>Đại Bái smiths hammer trays, pots and basins from sheet bronze and cast incense "
            "burners, statues and bronze drums in clay moulds. The craft dates back to the Lý "
            "dynasty.</p><p>The ring of hammers all over the village greets every visitor.</p>",
            "<p>About 25 km south of Bắc Ninh. Shops along the village road take orders and "
            "engrave to request.</p>",
        ),
    ),
    Village(
        "xuan-lai",
        "Làng mây tre đan Xuân Lai",
        "Xuân Lai bamboo and rattan village",
        "Mây tre đan",
        "Bamboo and rattan weaving",
        "Xuân Lai, Gia Bình",
        21.0608,
        106.2345,
        ("OCOP-BN-034", "OCOP-BN-035"),
        DemoProducer(
            "Hợp tác xã mây tre đan Xuân Lai",
            "cooperative",
            "9999000105",
            "Thôn Xuân Lai, Gia Bình, Bắc Ninh",
        ),
        PageText(
            "lang-may-tre-xuan-lai",
            "Làng mây tre đan Xuân Lai",
            "Làng đan tre trúc xuất khẩu sang nhiều nước, từ giỏ, khay đến đồ nội thất.",
            "<p>Người Xuân Lai chẻ, vót, uốn tre trúc thành giỏ, khay, chao đèn và bàn ghế. "
            "Sản phẩm được hun khói để chống mối mọt và lên màu nâu tự nhiên.</p>",
            "<p>Cách Bắc Ninh khoảng 35 km. Có thể xem thợ đan tại các xưởng trong làng.</p>",
        ),
        PageText(
            "xuan-lai-bamboo-village",
            "Xuân Lai bamboo and rattan village",
            "A weaving village that exports bamboo ware worldwide, from baskets and trays to "
            "furniture.",
            "<p>Xuân Lai weavers split, shave and bend bamboo into baskets, trays, lampshades "
            "and furniture. The pieces are smoked against insects, which gives them a natural "
            "brown.</p>",
            "<p>About 35 km from Bắc Ninh. You can watch weavers in the village workshops.</p>",
        ),
    ),
    Village(
        "phong-khe",
        "Làng giấy Phong Khê",
        "Phong Khê paper village",
        "Giấy dó, giấy thủ công",
        "Dó paper and handmade paper",
        "Phong Khê, Bắc Ninh",
        21.1919,
        106.0368,
        ("OCOP-BN-036", "OCOP-BN-037"),
        DemoProducer(
            "Hộ kinh doanh giấy dó Phong Khê",
            "household",
            "9999000106",
            "Làng Dương Ổ, Phong Khê, Bắc Ninh",
        ),
        PageText(
            "lang-giay-phong-khe",
            "Làng giấy Phong Khê",
            "Làng Dương Ổ, Phong Khê làm giấy dó thủ công, loại giấy dùng in tranh Đông Hồ và "
            "viết thư pháp.",
            "<p>Vỏ cây dó được ngâm, giã, xeo thành từng tờ mỏng dai. Bên cạnh nghề cổ, Phong "
            "Khê nay là trung tâm sản xuất giấy lớn của tỉnh.</p>",
            "<p>Cách trung tâm Bắc Ninh khoảng 5 km. Hãy hỏi trước các hộ còn xeo giấy dó thủ "
            "công.</p>",
        ),
        PageText(
            "phong-khe-paper-village",
            "Phong Khê paper village",
            "Dương Ổ village in Phong Khê makes dó paper by hand, the paper used for Đông Hồ "
            "prints and calligraphy.",
            "<p>The bark of the dó tree is soaked, pounded and formed into thin, strong sheets. "
            "Besides the old craft, Phong Khê is now the province's main paper centre.</p>",
            "<p>About 5 km from Bắc Ninh city centre. Ask ahead for the households that still "
            "make dó paper by hand.</p>",
        ),
    ),
    Village(
        "dinh-bang",
        "Làng Đình Bảng",
        "Đình Bảng village",
        "Bánh phu thê, di tích nhà Lý",
        "Phu thê wedding cakes, Lý dynasty heritage",
        "Đình Bảng, Từ Sơn",
        21.1105,
        105.9526,
        ("OCOP-BN-002", "OCOP-BN-044"),
        DemoProducer(
            "Hộ kinh doanh bánh phu thê Đình Bảng",
            "household",
            "9999000107",
            "Phường Đình Bảng, Từ Sơn, Bắc Ninh",
        ),
        PageText(
            "lang-dinh-bang",
            "Làng Đình Bảng",
            "Quê hương nhà Lý, với Đền Đô, đình Đình Bảng và món bánh phu thê gói lá dong.",
            "<p>Bánh phu thê Đình Bảng làm từ bột nếp, nhân đỗ xanh, dừa, gói lá dong và buộc "
            "lạt đỏ, là lễ vật không thể thiếu trong đám cưới.</p><p>Đền Đô thờ tám vị vua "
            "nhà Lý; lễ hội Đền Đô diễn ra ngày 15 tháng 3 âm lịch.</p>",
            "<p>Cách Hà Nội 18 km theo quốc lộ 1A. Bánh ngon nhất mua sáng sớm tại các lò "
            "trong làng.</p>",
        ),
        PageText(
            "dinh-bang-village",
            "Đình Bảng village",
            "Birthplace of the Lý dynasty, with the Đền Đô temple, the Đình Bảng communal house "
            "and phu thê cakes wrapped in dong leaves.",
            "<p>Đình Bảng's phu thê cakes — sticky rice, mung bean and coconut, wrapped in dong "
            "leaves and tied with red string — are a must at weddings.</p><p>Đền Đô honours the "
            "eight Lý kings; its festival is on the 15th day of the third lunar month.</p>",
            "<p>18 km from Hà Nội on national road 1A. Buy cakes early in the morning from the "
            "village bakeries.</p>",
        ),
    ),
]


# --- tourism ----------------------------------------------------------------


@dataclass(frozen=True)
class Tour:
    village_key: str | None  # a Village.key, or None
    address: str
    latitude: float
    longitude: float
    experience_codes: tuple[str, ...]
    itinerary_vi: tuple[tuple[str, str], ...]
    itinerary_en: tuple[tuple[str, str], ...]
    vi: PageText
    en: PageText


TOURS = [
    Tour(
        None,
        "Làng Viêm Xá (làng Diềm), Hòa Long, Bắc Ninh",
        21.2093,
        106.0545,
        ("OCOP-BN-041",),
        (
            ("8:30", "Đón khách tại đình làng Diềm"),
            ("9:00", "Nghe giới thiệu về Quan họ"),
            ("10:00", "Học một làn điệu cùng liền anh, liền chị"),
            ("11:30", "Ăn trưa với bánh khúc làng Diềm"),
        ),
        (
            ("8:30", "Welcome at the Diềm communal house"),
            ("9:00", "An introduction to Quan họ"),
            ("10:00", "Learn a song with the village singers"),
            ("11:30", "Lunch with Diềm's khúc cakes"),
        ),
        PageText(
            "quan-ho-lang-viem-xa",
            "Hát Quan họ ở làng Viêm Xá",
            "Làng Diềm (Viêm Xá) được coi là làng Quan họ gốc, nơi thờ Vua Bà – thủy tổ Quan họ.",
            "<p>Quan họ Bắc Ninh được UNESCO ghi danh là di sản văn hóa phi vật thể đại diện của "
            "nhân loại năm 2009. Ở làng Diềm, các liền anh, liền chị vẫn hát đối đáp trên "
            "thuyền, trong đình, và đón khách theo lối “hát canh”.</p>",
        ),
        PageText(
            "quan-ho-singing-viem-xa",
            "Quan họ singing in Viêm Xá",
            "Diềm (Viêm Xá) is held to be the original Quan họ village, where the Queen Mother, "
            "founder of Quan họ, is worshipped.",
            "<p>Bắc Ninh's Quan họ folk songs were inscribed on UNESCO's list of the Intangible "
            "Cultural Heritage of Humanity in 2009. In Diềm, male and female singers still answer "
            "each other's songs on boats and in the communal house, and welcome guests with a "
            "night of “hát canh”.</p>",
        ),
    ),
    Tour(
        "phu-lang",
        "Thôn Phù Lãng, Quế Võ, Bắc Ninh",
        21.1604,
        106.2409,
        ("OCOP-BN-043",),
        (
            ("9:00", "Tham quan lò gốm củi"),
            ("9:45", "Tự tay vuốt gốm trên bàn xoay"),
            ("11:00", "Trang trí và nhận sản phẩm sau khi nung"),
        ),
        (
            ("9:00", "Visit a wood-fired kiln"),
            ("9:45", "Throw a pot on the wheel"),
            ("11:00", "Decorate it; collect it after firing"),
        ),
        PageText(
            "trai-nghiem-gom-phu-lang",
            "Một ngày làm gốm ở Phù Lãng",
            "Vuốt gốm, đắp nổi và xem lò củi nung gốm men da lươn cùng nghệ nhân Phù Lãng.",
            "<p>Chương trình du lịch cộng đồng thí điểm ở Phù Lãng đưa khách vào tận xưởng: "
            "chọn đất, nhào đất, vuốt gốm và trang trí. Sản phẩm được nung và gửi về sau.</p>",
        ),
        PageText(
            "phu-lang-pottery-day",
            "A pottery day in Phù Lãng",
            "Throw pots, model relief and see a wood kiln fire eel-skin glaze with Phù Lãng's "
            "potters.",
            "<p>Phù Lãng's community-tourism pilot takes guests into the workshops: choosing, "
            "kneading and throwing the clay, then decorating it. Your piece is fired and sent "
            "on afterwards.</p>",
        ),
    ),
    Tour(
        "dong-ho",
        "Làng Đông Hồ, Song Hồ, Thuận Thành, Bắc Ninh",
        21.0636,
        106.0883,
        ("OCOP-BN-042", "OCOP-BN-044"),
        (
            ("8:00", "Thăm Đền Đô, Đình Bảng"),
            ("10:00", "Đến làng Đông Hồ"),
            ("10:30", "Xem khắc ván và tự in một bức tranh"),
            ("12:00", "Ăn trưa tại làng"),
        ),
        (
            ("8:00", "Visit the Đền Đô temple, Đình Bảng"),
            ("10:00", "Arrive in Đông Hồ"),
            ("10:30", "See woodblock carving and print a picture"),
            ("12:00", "Lunch in the village"),
        ),
        PageText(
            "in-tranh-dong-ho-den-do",
            "In tranh Đông Hồ và viếng Đền Đô",
            "Nửa ngày di sản: Đền Đô thờ tám vị vua nhà Lý, rồi tự tay in tranh ở Đông Hồ.",
            "<p>Hành trình gắn hai di sản của Kinh Bắc: Đền Đô ở Đình Bảng và làng tranh Đông "
            "Hồ bên sông Đuống. Mỗi khách mang về bức tranh mình tự in.</p>",
        ),
        PageText(
            "dong-ho-printing-and-den-do",
            "Đông Hồ printing and the Đền Đô temple",
            "Half a day of heritage: the Đền Đô temple of the eight Lý kings, then print your "
            "own picture in Đông Hồ.",
            "<p>This trip links two heritage sites of Kinh Bắc: the Đền Đô temple in Đình Bảng "
            "and the Đông Hồ print village on the Đuống river. Everyone takes home the picture "
            "they printed.</p>",
        ),
    ),
]


# --- news, standard pages, forms -------------------------------------------


@dataclass(frozen=True)
class News:
    date: str  # ISO date
    vi: PageText
    en: PageText


NEWS = [
    News(
        "2025-09-15",
        PageText(
            "ket-qua-danh-gia-ocop-dot-1",
            "Bắc Ninh công bố kết quả đánh giá OCOP đợt 1",
            "Thêm nhiều sản phẩm đạt 3 và 4 sao sau đợt đánh giá, phân hạng đầu năm.",
            "<p>Hội đồng đánh giá cấp tỉnh đã chấm điểm các sản phẩm theo bộ tiêu chí 100 "
            "điểm. Kết quả chi tiết được công bố trên trang từng sản phẩm.</p>",
        ),
        PageText(
            "ocop-rating-results-round-1",
            "Bắc Ninh announces OCOP rating results, round 1",
            "More products reach three and four stars in the year's first rating round.",
            "<p>The provincial council scored products against the 100-point criteria. "
            "Each product's page shows its result.</p>",
        ),
    ),
    News(
        "2025-10-02",
        PageText(
            "hoi-cho-ocop-kinh-bac",
            "Hội chợ OCOP Kinh Bắc tại công viên Nguyễn Văn Cừ",
            "Hơn một trăm gian hàng OCOP, trình diễn làng nghề và hát Quan họ.",
            "<p>Hội chợ giới thiệu sản phẩm OCOP của các xã, phường, có trình diễn in tranh "
            "Đông Hồ và gò đồng Đại Bái.</p>",
        ),
        PageText(
            "kinh-bac-ocop-fair",
            "Kinh Bắc OCOP fair in Nguyễn Văn Cừ park",
            "Over a hundred OCOP stalls, craft demonstrations and Quan họ singing.",
            "<p>The fair shows OCOP products from the province's communes, with Đông Hồ "
            "printing and Đại Bái bronze demonstrations.</p>",
        ),
    ),
    News(
        "2025-10-20",
        PageText(
            "cua-hang-ocop-moi",
            "Mở thêm điểm giới thiệu và bán sản phẩm OCOP",
            "Khách có thể nhận hàng đặt trên mạng tại cửa hàng gần nhất.",
            "<p>Các điểm bán OCOP trưng bày sản phẩm và là nơi nhận hàng đặt trực tuyến.</p>",
        ),
        PageText(
            "new-ocop-store",
            "A new OCOP display-and-sale point opens",
            "Collect online orders at your nearest store.",
            "<p>OCOP stores display products and are pickup points for online orders.</p>",
        ),
    ),
    News(
        "2025-11-05",
        PageText(
            "du-lich-cong-dong-thi-diem",
            "Thí điểm du lịch cộng đồng ở Viêm Xá, Phù Lãng, Đông Hồ",
            "Ba làng đón khách trải nghiệm hát Quan họ, làm gốm và in tranh.",
            "<p>Các trải nghiệm được bán như sản phẩm OCOP nhóm 6: chọn ngày và số người, "
            "không cần giao hàng.</p>",
        ),
        PageText(
            "community-tourism-pilot",
            "Community-tourism pilot in Viêm Xá, Phù Lãng and Đông Hồ",
            "Three villages welcome guests to sing Quan họ, make pottery and print pictures.",
            "<p>The experiences are sold as OCOP group 6 products: choose a date and the "
            "number of people; nothing is shipped.</p>",
        ),
    ),
    News(
        "2025-11-25",
        PageText(
            "tap-huan-chu-the-ocop",
            "Tập huấn cho chủ thể OCOP về bán hàng trực tuyến",
            "Hợp tác xã và hộ kinh doanh học chụp ảnh sản phẩm, viết mô tả và quản lý tồn kho.",
            "<p>Khóa tập huấn giúp chủ thể OCOP đưa sản phẩm lên cửa hàng trực tuyến của tỉnh.</p>",
        ),
        PageText(
            "ocop-producer-training",
            "Online-selling training for OCOP producers",
            "Cooperatives and household businesses learn product photography, descriptions "
            "and stock keeping.",
            "<p>The course helps OCOP producers list their products in the province's online "
            "shop.</p>",
        ),
    ),
]

STANDARD_PAGES = [
    (
        PageText(
            "gioi-thieu-ocop",
            "Giới thiệu OCOP",
            "Chương trình Mỗi xã một sản phẩm (OCOP) của Bắc Ninh.",
            "<p>OCOP là chương trình quốc gia từ năm 2018, học theo phong trào Mỗi làng một "
            "sản phẩm của Nhật Bản, nhằm phát triển, đánh giá và quảng bá sản phẩm đặc trưng "
            "của từng địa phương.</p>",
        ),
        PageText(
            "about-ocop",
            "About OCOP",
            "Bắc Ninh's One Commune One Product programme.",
            "<p>OCOP is Vietnam's national programme since 2018, modelled on Japan's One "
            "Village One Product, that develops, rates and promotes each locality's "
            "distinctive products.</p>",
        ),
    ),
    (
        PageText(
            "cach-xep-hang-sao",
            "Cách xếp hạng sao OCOP",
            "Sản phẩm được chấm trên thang 100 điểm và xếp từ 1 đến 5 sao.",
            "<p>Điểm gồm ba phần: sức mạnh sản phẩm và cộng đồng, tiếp thị, chất lượng. Dưới "
            "30 điểm: 1 sao; 30–49: 2 sao; 50–69: 3 sao; 70–89: 4 sao; 90–100: 5 sao. Chỉ "
            "sản phẩm từ 3 sao được công nhận là sản phẩm OCOP; 3–4 sao do tỉnh công nhận, "
            "5 sao do Trung ương công nhận. Giấy chứng nhận có hiệu lực 36 tháng.</p>",
        ),
        PageText(
            "how-star-ratings-work",
            "How OCOP star ratings work",
            "Products are scored out of 100 and rated from one to five stars.",
            "<p>The score has three parts: product and community strength, marketing, and "
            "quality. Under 30 points: 1 star; 30–49: 2; 50–69: 3; 70–89: 4; 90–100: 5. "
            "Only 3 stars and above are recognised OCOP products; 3–4 stars are recognised "
            "by the province, 5 stars nationally. A certificate is valid for 36 months.</p>",
        ),
    ),
    (
        PageText(
            "dieu-khoan",
            "Điều khoản sử dụng",
            "Điều kiện mua hàng trên cửa hàng OCOP Bắc Ninh.",
            "<p>Giá bằng đồng Việt Nam, đã gồm thuế GTGT. Trải nghiệm du lịch được đặt theo "
            "ngày và số người, không giao hàng.</p>",
        ),
        PageText(
            "terms",
            "Terms of use",
            "Conditions of sale of the OCOP Bắc Ninh shop.",
            "<p>Prices are in Vietnamese đồng and include VAT. Tourism experiences are "
            "booked for a date and a number of people; nothing is shipped.</p>",
        ),
    ),
    (
        PageText(
            "chinh-sach-bao-mat",
            "Chính sách bảo mật",
            "Cách chúng tôi dùng thông tin của bạn.",
            "<p>Chúng tôi chỉ dùng thông tin bạn cung cấp để giao hàng, liên hệ và cải "
            "thiện dịch vụ; không bán thông tin cho bên thứ ba.</p>",
        ),
        PageText(
            "privacy",
            "Privacy policy",
            "How we use your information.",
            "<p>We use what you give us only to deliver, contact you and improve the "
            "service; we never sell it to third parties.</p>",
        ),
    ),
]


@dataclass(frozen=True)
class DemoForm:
    vi: PageText
    en: PageText
    # (label vi, label en, field type, required, choices)
    fields: tuple[tuple[str, str, str, bool, str], ...]
    thanks_vi: str
    thanks_en: str


FORMS = [
    DemoForm(
        PageText(
            "lien-he",
            "Liên hệ",
            "Gửi câu hỏi cho ban quản lý chương trình OCOP Bắc Ninh.",
            "<p>Chúng tôi trả lời trong hai ngày làm việc.</p>",
        ),
        PageText(
            "contact",
            "Contact",
            "Send a question to Bắc Ninh's OCOP programme team.",
            "<p>We answer within two working days.</p>",
        ),
        (
            ("Họ và tên", "Full name", "singleline", True, ""),
            ("Email", "Email", "email", True, ""),
            ("Điện thoại", "Phone", "singleline", False, ""),
            ("Nội dung", "Message", "multiline", True, ""),
        ),
        "<p>Cảm ơn bạn! Chúng tôi sẽ trả lời sớm.</p>",
        "<p>Thank you! We will answer soon.</p>",
    ),
    DemoForm(
        PageText(
            "dang-ky-chu-the-ocop",
            "Đăng ký bán hàng cho chủ thể OCOP",
            "Hợp tác xã, doanh nghiệp, hộ kinh doanh muốn đưa sản phẩm OCOP lên cửa hàng.",
            "<p>Điền thông tin, cán bộ chương trình sẽ liên hệ để xác minh và hướng dẫn.</p>",
        ),
        PageText(
            "join-as-a-producer",
            "Sell with us: OCOP producers",
            "Cooperatives, enterprises and household businesses that want to list OCOP products.",
            "<p>Fill in your details; programme staff will contact you to verify and guide "
            "you.</p>",
        ),
        (
            ("Tên chủ thể", "Producer name", "singleline", True, ""),
            ("Mã số thuế / số đăng ký", "Tax or registration code", "singleline", True, ""),
            (
                "Loại hình",
                "Legal form",
                "dropdown",
                True,
                "Doanh nghiệp / Enterprise\nHợp tác xã / Cooperative\n"
                "Tổ hợp tác / Cooperative group\n"
                "Hộ kinh doanh / Household business",
            ),
            ("Xã/phường", "Commune or ward", "singleline", True, ""),
            ("Người liên hệ", "Contact person", "singleline", True, ""),
            ("Email", "Email", "email", True, ""),
            ("Điện thoại", "Phone", "singleline", True, ""),
            ("Sản phẩm và số sao OCOP", "Products and OCOP stars", "multiline", False, ""),
        ),
        "<p>Cảm ơn! Cán bộ chương trình sẽ liên hệ với bạn trong một tuần.</p>",
        "<p>Thank you! Programme staff will contact you within a week.</p>",
    ),
]

STAFF_EMAIL = "ocop@ocop.local"
STORE_INTRO = {
    "vi": "Trưng bày và bán sản phẩm OCOP của các làng nghề Bắc Ninh; nhận hàng đặt trên mạng.",
    "en": (
        "Displays and sells OCOP products from Bắc Ninh's craft villages; "
        "collect online orders here."
    ),
}
WORKFLOW_NAME = "Duyệt câu chuyện chủ thể OCOP (Producer story review)"
MODERATORS_GROUP = "Moderators"
