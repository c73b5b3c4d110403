"""The demo catalogue: the six OCOP product groups and products from Bắc Ninh.

Places, crafts and villages are real: Đông Hồ, Phù Lãng, Đồng Kỵ, Đại Bái,
Xuân Lai, Phong Khê, Đình Bảng, Viêm Xá, and the villages of the former Bắc
Giang province, part of Bắc Ninh since July 2025 (Thổ Hà, làng Vân, Lục Ngạn,
Chũ, Kế). Prices, stock quantities and product codes (`OCOP-BN-…`) are
invented, as the command says when it runs.

Descriptions are plain sentences; the loader wraps them in `<p>`.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Group:
    """One of the six current OCOP product groups (Decision 148/QĐ-TTg, 2023)."""

    number: int
    name_vi: str
    name_en: str
    description_vi: str
    description_en: str

    @property
    def code(self) -> str:
        """Stable key of the group's top-level category."""
        return f"ocop-group-{self.number}"


@dataclass(frozen=True)
class DemoProduct:
    upc: str
    group: int
    title_vi: str
    title_en: str
    description_vi: str
    description_en: str
    price: int  # whole đồng
    stock: int
    motif: str  # a key of storefront.demo.images.MOTIFS


GROUPS = [
    Group(
        1,
        "Thực phẩm",
        "Food",
        "Thực phẩm tươi, sơ chế và chế biến: bánh truyền thống, nông sản sạch và đặc sản "
        "làng quê Bắc Ninh.",
        "Fresh, pre-processed and processed food: traditional cakes, clean produce and "
        "village specialities of Bắc Ninh.",
    ),
    Group(
        2,
        "Đồ uống",
        "Beverages",
        "Đồ uống có cồn và không cồn: rượu làng nghề, chè, trà hoa và nước trái cây.",
        "Alcoholic and non-alcoholic drinks: craft-village rice wine, tea, flower infusions "
        "and fruit juice.",
    ),
    Group(
        3,
        "Thảo dược",
        "Medicinal herbs and herbal products",
        "Sản phẩm từ dược liệu: thực phẩm chức năng, mỹ phẩm thiên nhiên và tinh dầu.",
        "Products from medicinal plants: functional foods, herbal cosmetics and essential oils.",
    ),
    Group(
        4,
        "Thủ công mỹ nghệ, trang trí",
        "Handicrafts and decor",
        "Gỗ, mây tre, đồng, gốm, giấy và tranh dân gian của các làng nghề; quà lưu niệm và đồ "
        "trang trí.",
        "Wood, bamboo and rattan, bronze, ceramics, paper and folk prints from the craft "
        "villages; souvenirs and decor.",
    ),
    Group(
        5,
        "Sinh vật cảnh",
        "Ornamental plants and animals",
        "Cây cảnh, hoa và bonsai từ các nhà vườn Bắc Ninh.",
        "Ornamental plants, flowers and bonsai from Bắc Ninh's nurseries.",
    ),
    Group(
        6,
        "Dịch vụ du lịch cộng đồng",
        "Community tourism and services",
        "Trải nghiệm du lịch cộng đồng, du lịch sinh thái và điểm du lịch: làng nghề, Quan họ, "
        "di tích. Bán dưới dạng vé, không giao hàng.",
        "Community tourism, eco-tourism and tourist-spot experiences: craft villages, Quan họ "
        "singing and heritage sites. Sold as tickets, nothing is shipped.",
    ),
]

_NOT_A_MEDICINE_VI = (
    "Thực phẩm này không phải là thuốc, không có tác dụng thay thế thuốc chữa bệnh."
)
_NOT_A_MEDICINE_EN = "This food is not a medicine and does not replace medical treatment."
_ADULTS_VI = "Không bán cho người dưới 18 tuổi."
_ADULTS_EN = "Not sold to anyone under 18."


def _p(n: int) -> str:
    return f"OCOP-BN-{n:03d}"


PRODUCTS = [
    # --- 1 Food -------------------------------------------------------------
    DemoProduct(
        _p(1),
        1,
        "Bánh đa nem làng Thổ Hà",
        "Thổ Hà rice paper for spring rolls",
        "Bánh đa nem được tráng mỏng từ gạo tẻ và phơi trên phên tre theo cách làm truyền "
        "thống của làng Thổ Hà. Bánh dẻo, dễ cuốn, khi rán giòn đều mà không vỡ. Gói 500 g, "
        "khoảng 50 lá.",
        "Thin rice paper made from plain rice and sun-dried on bamboo racks, the traditional "
        "way of Thổ Hà village. Supple and easy to roll, it fries evenly crisp without "
        "breaking. 500 g pack, about 50 sheets.",
        45000,
        60,
        "disc",
    ),
    DemoProduct(
        _p(2),
        1,
        "Bánh phu thê Đình Bảng (hộp 10 chiếc)",
        "Đình Bảng husband-and-wife cakes (box of 10)",
        "Bánh phu thê làng Đình Bảng gói bằng lá dong, buộc lạt đỏ, nhân đỗ xanh và dừa thơm "
        "bùi. Chiếc bánh gắn với lễ cưới hỏi, tượng trưng cho sự gắn bó vợ chồng. Ngon nhất "
        "khi dùng trong ba ngày.",
        "Đình Bảng's phu thê cakes, wrapped in dong leaves and tied with red string, filled "
        "with mung bean and coconut. Traditionally given at weddings as a sign of a lasting "
        "marriage. Best eaten within three days.",
        90000,
        25,
        "parcel",
    ),
    DemoProduct(
        _p(3),
        1,
        "Nem Ninh Xá (nem làng Bùi)",
        "Ninh Xá fermented pork rolls (nem Bùi)",
        "Nem làng Bùi (Ninh Xá) làm từ thịt lợn nạc, bì thái sợi và thính gạo rang, gói trong "
        "lá ổi, lá sung. Vị chua nhẹ, thơm mùi thính, ăn kèm lá sung và tương ớt. Bảo quản "
        "ngăn mát, dùng trong năm ngày.",
        "Nem from Bùi village (Ninh Xá): lean pork, shredded pork skin and toasted rice "
        "powder, wrapped in guava and fig leaves. Mildly sour with a roasted-rice aroma, "
        "served with fig leaves and chilli sauce. Keep refrigerated and eat within five days.",
        120000,
        18,
        "bowl-nem",
    ),
    DemoProduct(
        _p(4),
        1,
        "Tỏi An Thịnh",
        "An Thịnh garlic",
        "Tỏi ta An Thịnh (Lương Tài) củ nhỏ, tép chắc, vị cay nồng và thơm lâu. Tỏi trồng "
        "trên đất bãi ven sông, phơi khô tự nhiên và bó theo lối truyền thống. Túi 500 g.",
        "Small-bulbed local garlic from An Thịnh (Lương Tài) with firm cloves and a strong, "
        "lasting aroma. Grown on riverside alluvial soil, naturally dried and bundled the "
        "traditional way. 500 g bag.",
        85000,
        40,
        "bulb",
    ),
    DemoProduct(
        _p(5),
        1,
        "Măng tây xanh Gia Bình",
        "Gia Bình green asparagus",
        "Măng tây xanh trồng tại Gia Bình theo quy trình an toàn, thu hoạch buổi sáng và đóng "
        "gói trong ngày. Ngọn mập, giòn, ngọt, hợp xào tỏi, nấu súp hoặc nướng. Bó 500 g.",
        "Green asparagus grown in Gia Bình under safe-farming practice, picked in the morning "
        "and packed the same day. Plump, crisp and sweet: stir-fry it with garlic, make soup "
        "or grill it. 500 g bunch.",
        110000,
        12,
        "spears",
    ),
    DemoProduct(
        _p(6),
        1,
        "Rau nhà lưới HTX Hoàng Gia",
        "Net-house vegetables from Hoàng Gia cooperative",
        "Rau cải, rau muống và xà lách trồng trong nhà lưới của Hợp tác xã nông nghiệp Hoàng "
        "Gia (xã Bình Dương, Gia Bình). Nhà lưới ngăn sâu bệnh nên dùng ít thuốc bảo vệ thực "
        "vật hơn. Túi hỗn hợp 1 kg, loại rau thay đổi theo mùa.",
        "Mustard greens, water spinach and lettuce grown in the net houses of Hoàng Gia "
        "agricultural cooperative (Bình Dương commune, Gia Bình). The nets keep pests out, so "
        "far fewer pesticides are needed. 1 kg mixed bag; the mix changes with the season.",
        35000,
        30,
        "sprig",
    ),
    DemoProduct(
        _p(7),
        1,
        "Bánh đa Kế",
        "Kế village sesame rice crackers",
        "Bánh đa Kế làm từ gạo, vừng đen và vừng trắng, phơi nắng rồi nướng than cho phồng "
        "giòn. Món quà quê nổi tiếng của làng Kế, ăn không hoặc bẻ vào bát mì, bát bún. Gói "
        "10 chiếc.",
        "Rice crackers from Kế village with black and white sesame, sun-dried and then toasted "
        "over charcoal until puffed and crisp. A well-loved village snack, eaten on its own or "
        "broken into noodle soup. Pack of 10.",
        50000,
        45,
        "disc-sesame",
    ),
    DemoProduct(
        _p(8),
        1,
        "Mì Chũ",
        "Chũ rice noodles",
        "Mì gạo Chũ làm từ gạo bao thai, tráng, cắt sợi và phơi nắng tự nhiên, không dùng chất "
        "tẩy trắng. Sợi dai, không nát khi nấu, hợp xào hoặc nấu canh. Gói 500 g.",
        "Rice noodles from Chũ, made from bao thai rice, sheeted, cut and sun-dried with no "
        "bleaching agents. The strands stay chewy and whole when cooked: stir-fry them or add "
        "them to soup. 500 g pack.",
        40000,
        50,
        "bowl-noodles",
    ),
    DemoProduct(
        _p(9),
        1,
        "Vải thiều Lục Ngạn sấy khô",
        "Dried Lục Ngạn lychees",
        "Vải thiều Lục Ngạn sấy khô nguyên quả bằng lò than củi, cùi dày, vị ngọt đậm và thơm "
        "khói nhẹ. Dùng ăn chơi, pha trà hoặc nấu chè. Túi 500 g.",
        "Whole Lục Ngạn lychees dried over a wood-fired kiln: thick flesh, deep sweetness and "
        "a light smoky note. Eat them as a snack, infuse them in tea or cook them into sweet "
        "soup. 500 g bag.",
        120000,
        20,
        "fruit-lychee",
    ),
    DemoProduct(
        _p(10),
        1,
        "Mật ong hoa vải",
        "Lychee-blossom honey",
        "Mật ong lấy từ đàn ong nuôi trong vườn vải vào mùa hoa tháng Hai, tháng Ba. Mật màu "
        "vàng sáng, vị ngọt thanh và thơm mùi hoa vải. Hũ 500 ml.",
        "Honey from hives kept in the lychee orchards during the February–March blossom. "
        "Light golden and delicately sweet, with the scent of lychee flowers. 500 ml jar.",
        180000,
        3,
        "jar-honey",
    ),
    DemoProduct(
        _p(11),
        1,
        "Bánh khúc làng Diềm (hộp 10 chiếc)",
        "Diềm village cudweed dumplings (box of 10)",
        "Bánh khúc làm từ lá khúc non giã với bột nếp, nhân đỗ xanh và thịt ba chỉ, lăn gạo "
        "nếp rồi đồ chín. Món quà sáng dân dã của làng Diềm, ăn nóng cùng muối vừng. Dùng "
        "trong ngày.",
        "Young cudweed leaves pounded into glutinous rice dough, filled with mung bean and "
        "pork belly, rolled in sticky rice and steamed. A humble breakfast from Diềm village, "
        "eaten warm with sesame salt. Best the same day.",
        70000,
        0,
        "fruit-rice",
    ),
    DemoProduct(
        _p(12),
        1,
        "Bánh tẻ làng Chờ (chục 10 chiếc)",
        "Chờ village rice-and-pork cakes (bundle of 10)",
        "Bánh tẻ làng Chờ (Yên Phong) gói lá dong thành chiếc dài, bột gạo tẻ mịn, nhân thịt "
        "nạc vai, mộc nhĩ và hành phi. Bánh mềm, thơm mùi lá, ăn kèm chả hoặc tương ớt.",
        "Long, slim cakes from Chờ village (Yên Phong): smooth rice batter around pork "
        "shoulder, wood-ear mushroom and fried shallots, wrapped in dong leaves. Soft and "
        "fragrant, eaten with pork roll or chilli sauce.",
        60000,
        22,
        "parcel",
    ),
    DemoProduct(
        _p(13),
        1,
        "Tương nếp truyền thống",
        "Traditional sticky-rice soybean sauce",
        "Tương làm từ xôi nếp lên mốc, đậu tương rang và muối, ủ trong chum sành phơi nắng "
        "nhiều tháng. Vị ngọt bùi, hậu mặn nhẹ, dùng chấm rau luộc, đậu phụ hoặc kho cá. "
        "Chai 500 ml.",
        "Soybean sauce made from mould-fermented sticky rice, roasted soybeans and salt, "
        "matured for months in sun-warmed clay jars. Rounded and sweet with a gently salty "
        "finish: a dip for boiled greens and tofu, or a base for braised fish. 500 ml bottle.",
        55000,
        35,
        "bowl-sauce",
    ),
    # --- 2 Beverages --------------------------------------------------------
    DemoProduct(
        _p(14),
        2,
        "Rượu làng Vân (chai 500 ml)",
        "Vân village rice wine (500 ml)",
        "Rượu làng Vân (Vân Hà) nấu từ gạo nếp và men lá gia truyền, chưng cất thủ công. "
        f"Rượu trong, êm, hậu ngọt, nồng độ khoảng 40 độ. {_ADULTS_VI}",
        "Rice wine from Vân village (Vân Hà), distilled by hand from glutinous rice with a "
        "family recipe of herbal yeast. Clear and smooth with a sweet finish, around 40% ABV. "
        f"{_ADULTS_EN}",
        160000,
        24,
        "bottle",
    ),
    DemoProduct(
        _p(15),
        2,
        "Rượu làng Vân hạ thổ (bình gốm 2 lít)",
        "Vân village rice wine aged underground (2-litre stoneware jar)",
        "Rượu làng Vân được ủ hạ thổ trong bình gốm ít nhất một năm nên êm dịu và đằm hơn. "
        f"Bình gốm men nâu dung tích 2 lít, hợp làm quà biếu dịp Tết. {_ADULTS_VI}",
        "Vân village rice wine buried underground in stoneware for at least a year, which "
        "makes it rounder and mellower. A 2-litre brown-glazed jar, a favourite Tết gift. "
        f"{_ADULTS_EN}",
        650000,
        6,
        "vase",
    ),
    DemoProduct(
        _p(16),
        2,
        "Chè búp trung du (túi 200 g)",
        "Midland green tea buds (200 g)",
        "Chè được hái một tôm hai lá trên vùng đồi trung du, sao bằng chảo gang theo cách thủ "
        "công. Nước xanh vàng, vị chát dịu, hậu ngọt.",
        "Green tea picked as one bud and two leaves in the midland hills and pan-fired by hand "
        "in cast-iron woks. A yellow-green cup, gently astringent with a sweet aftertaste.",
        120000,
        30,
        "cup",
    ),
    DemoProduct(
        _p(17),
        2,
        "Trà hoa cúc vàng (hộp 50 g)",
        "Yellow chrysanthemum tea (50 g)",
        "Hoa cúc vàng được hái khi vừa nở và sấy lạnh để giữ màu, giữ hương. Trà có vị thanh, "
        "thơm dịu, uống nóng hoặc pha đá.",
        "Yellow chrysanthemum flowers picked just as they open and cold-dried to keep their "
        "colour and scent. A light, fragrant tea, hot or iced.",
        85000,
        26,
        "cup",
    ),
    DemoProduct(
        _p(18),
        2,
        "Nước cốt vải thiều (chai 500 ml)",
        "Lychee juice concentrate (500 ml)",
        "Nước cốt ép từ vải thiều chín, thanh trùng và đóng chai, không thêm hương liệu. Pha "
        "một phần nước cốt với ba phần nước lạnh hoặc đá. Bảo quản ngăn mát sau khi mở.",
        "Pressed from ripe lychees, pasteurised and bottled with no added flavourings. Mix one "
        "part with three parts cold water or ice. Refrigerate after opening.",
        75000,
        40,
        "bottle",
    ),
    DemoProduct(
        _p(19),
        2,
        "Trà sen (hộp 100 g)",
        "Lotus-scented tea (100 g)",
        "Chè xanh được ướp nhiều lượt với gạo sen từ đầm sen địa phương vào mùa hè. Nước trà "
        "vàng trong, hương sen thanh, hợp tiếp khách và làm quà.",
        "Green tea scented over several rounds with the stamens of lotus flowers from local "
        "ponds in summer. A clear golden cup with a delicate lotus fragrance, for guests and "
        "gifts.",
        250000,
        10,
        "cup",
    ),
    # --- 3 Medicinal herbs and herbal products ------------------------------
    DemoProduct(
        _p(20),
        3,
        "Tỏi đen An Thịnh (hũ 250 g)",
        "An Thịnh black garlic (250 g jar)",
        "Tỏi đen được lên men chậm từ tỏi ta An Thịnh trong khoảng 40 ngày ở nhiệt độ và độ "
        "ẩm ổn định. Tép tỏi mềm dẻo, vị ngọt chua nhẹ, không còn mùi hăng; dùng trực tiếp "
        f"2–3 tép mỗi ngày. {_NOT_A_MEDICINE_VI}",
        "Black garlic slowly aged from An Thịnh garlic for about 40 days at steady heat and "
        "humidity. The cloves turn soft and chewy, sweet with a light tang and none of the raw "
        f"bite; eat two or three a day. {_NOT_A_MEDICINE_EN}",
        220000,
        15,
        "bulb-black",
    ),
    DemoProduct(
        _p(21),
        3,
        "Tinh dầu sả chanh (lọ 10 ml)",
        "Lemongrass essential oil (10 ml)",
        "Tinh dầu chưng cất hơi nước từ sả chanh trồng tại địa phương, nguyên chất, không pha "
        "hương liệu. Dùng xông phòng, đuổi muỗi hoặc pha loãng để lau nhà.",
        "Steam-distilled from locally grown lemongrass: pure, with nothing added. Diffuse it "
        "to freshen a room and keep mosquitoes away, or dilute it to clean floors.",
        65000,
        50,
        "sprig-oil",
    ),
    DemoProduct(
        _p(22),
        3,
        "Dầu gội bồ kết thảo dược (chai 300 ml)",
        "Herbal honey-locust shampoo (300 ml)",
        "Dầu gội nấu từ quả bồ kết, vỏ bưởi, hương nhu và sả theo bài thuốc dân gian. Làm "
        "sạch nhẹ nhàng, giúp tóc mềm và suôn.",
        "Shampoo brewed from honey-locust pods, pomelo peel, holy basil and lemongrass after a "
        "folk recipe. Cleans gently and leaves hair soft and smooth.",
        95000,
        28,
        "sprig",
    ),
    DemoProduct(
        _p(23),
        3,
        "Trà lá vối túi lọc (hộp 30 túi)",
        "Vối leaf tea bags (box of 30)",
        "Lá và nụ vối được ủ, phơi khô rồi đóng túi lọc tiện dùng. Nước trà màu hổ phách, vị "
        "chát nhẹ, là thức uống giải nhiệt quen thuộc của người miền Bắc.",
        "Vối leaves and buds, fermented, dried and packed in tea bags. An amber brew with a "
        "soft astringency, a classic cooling drink of northern Vietnam.",
        45000,
        60,
        "cup",
    ),
    DemoProduct(
        _p(24),
        3,
        "Tinh bột nghệ vàng (hũ 200 g)",
        "Yellow turmeric starch (200 g jar)",
        "Tinh bột nghệ được lọc từ củ nghệ vàng tươi, tách tinh dầu và chất xơ, sấy ở nhiệt "
        "độ thấp. Pha với mật ong, sữa ấm hoặc làm mặt nạ dưỡng da. "
        f"{_NOT_A_MEDICINE_VI}",
        "Starch extracted from fresh yellow turmeric, with the oil and fibre removed, dried at "
        "a low temperature. Stir it into honey or warm milk, or use it as a face mask. "
        f"{_NOT_A_MEDICINE_EN}",
        150000,
        2,
        "jar-honey",
    ),
    # --- 4 Handicrafts and decor --------------------------------------------
    DemoProduct(
        _p(25),
        4,
        "Tranh Đông Hồ Đám cưới chuột",
        "Đông Hồ woodblock print: The Rats' Wedding",
        "Tranh khắc gỗ dân gian Đông Hồ in thủ công trên giấy điệp, mỗi màu một bản khắc, màu "
        "từ thiên nhiên: đỏ sỏi son, vàng hoa hòe, đen than lá tre. Đám cưới chuột là bức "
        "tranh trào lộng nổi tiếng về đám rước dâng lễ vật cho mèo. Khổ 30 × 40 cm, chưa "
        "kèm khung.",
        "A Đông Hồ folk woodblock print, hand-printed on paper coated with crushed seashell, "
        "one carved block per colour, with natural pigments: red laterite, yellow sophora "
        "flowers, black bamboo-leaf charcoal. The Rats' Wedding is the famous satirical "
        "procession of rats bringing gifts to the cat. 30 × 40 cm, unframed.",
        150000,
        30,
        "frame",
    ),
    DemoProduct(
        _p(26),
        4,
        "Tranh Đông Hồ Lợn đàn (có khung)",
        "Đông Hồ woodblock print: Sow and Piglets (framed)",
        "Bức tranh Lợn đàn vẽ lợn mẹ quây quần bên đàn con, khoáy âm dương trên mình lợn, "
        "mang ý nghĩa no đủ, con cháu đông vui. In thủ công tại làng Đông Hồ (Song Hồ, Thuận "
        "Thành), lồng khung gỗ. Khổ 30 × 40 cm.",
        "A mother pig with her litter and the yin-yang whorl on her back, wishing a household "
        "plenty and many descendants. Hand-printed in Đông Hồ village (Song Hồ, Thuận Thành) "
        "and set in a wooden frame. 30 × 40 cm.",
        320000,
        10,
        "frame",
    ),
    DemoProduct(
        _p(27),
        4,
        "Bình hoa gốm Phù Lãng men da lươn",
        "Phù Lãng vase in eel-skin glaze",
        "Bình hoa gốm Phù Lãng làm thủ công, phủ men da lươn màu nâu vàng đặc trưng và nung "
        "lò củi. Vệt men chảy trên mỗi chiếc một khác, không có hai bình giống hệt nhau. Cao "
        "khoảng 35 cm.",
        "A handmade Phù Lãng vase in the village's signature yellow-brown eel-skin glaze, "
        "fired in a wood kiln. The glaze runs differently on every piece, so no two vases are "
        "alike. About 35 cm tall.",
        450000,
        8,
        "vase",
    ),
    DemoProduct(
        _p(28),
        4,
        "Bộ ấm chén gốm Phù Lãng",
        "Phù Lãng stoneware tea set",
        "Bộ gồm một ấm và sáu chén, làm từ đất sét ven sông Cầu, men nâu trầm. Gốm dày, giữ "
        "nhiệt tốt, hợp pha chè xanh và trà sen.",
        "A teapot and six cups in clay from the banks of the Cầu river, with a deep brown "
        "glaze. The thick stoneware keeps tea hot; well suited to green and lotus tea.",
        380000,
        14,
        "cup",
    ),
    DemoProduct(
        _p(29),
        4,
        "Hộp gỗ hương chạm sen Đồng Kỵ",
        "Đồng Kỵ carved rosewood box with lotus",
        "Hộp đựng trang sức bằng gỗ hương chạm nổi hoa sen, do thợ làng Đồng Kỵ (Từ Sơn) làm "
        "thủ công. Lòng hộp lót nhung, bản lề đồng. Kích thước 25 × 15 × 10 cm.",
        "A rosewood jewellery box carved with lotus flowers in relief, handmade by craftsmen "
        "of Đồng Kỵ village (Từ Sơn). Velvet lining and brass hinges. 25 × 15 × 10 cm.",
        550000,
        12,
        "box",
    ),
    DemoProduct(
        _p(30),
        4,
        "Bộ bàn trà gỗ hương Đồng Kỵ (bàn và 4 đôn)",
        "Đồng Kỵ rosewood tea table with four stools",
        "Bộ bàn trà gỗ hương đã sấy, chạm tích tùng, cúc, trúc, mai; ghép mộng truyền thống "
        "và hoàn thiện bằng dầu. Giao hàng và lắp đặt trong tỉnh Bắc Ninh.",
        "A tea table and four stools in kiln-dried rosewood, carved with pine, chrysanthemum, "
        "bamboo and apricot blossom; traditional mortise-and-tenon joints and an oil finish. "
        "Delivery and set-up within Bắc Ninh province.",
        12500000,
        2,
        "table",
    ),
    DemoProduct(
        _p(31),
        4,
        "Trống đồng Đại Bái (mặt 30 cm)",
        "Đại Bái bronze drum (30 cm face)",
        "Trống đồng mô phỏng hoa văn trống Đông Sơn: ngôi sao nhiều cánh ở tâm, vành chim Lạc "
        "và hoa văn hình học. Đúc và hoàn thiện thủ công tại làng Đại Bái (Gia Bình), kèm đế "
        "gỗ.",
        "A replica bronze drum with the patterns of the Đông Sơn drums: a many-rayed star at "
        "the centre, a ring of Lạc birds and geometric bands. Cast and finished by hand in Đại "
        "Bái village (Gia Bình), with a wooden stand.",
        3200000,
        3,
        "drum",
    ),
    DemoProduct(
        _p(32),
        4,
        "Mâm đồng gò Đại Bái (đường kính 60 cm)",
        "Đại Bái hammered bronze tray (60 cm)",
        "Mâm đồng gò tay theo kỹ thuật truyền thống của làng Đại Bái, mặt mâm chạm hoa văn "
        "đồng tâm. Bền, sáng đẹp, dùng bày cỗ, bày lễ hoặc trang trí.",
        "A tray hammered by hand with Đại Bái's traditional technique, its surface chased "
        "with concentric patterns. Durable and bright, for festive meals, offerings or "
        "display.",
        1450000,
        5,
        "tray",
    ),
    DemoProduct(
        _p(33),
        4,
        "Lư hương đồng Đại Bái (cao 40 cm)",
        "Đại Bái bronze incense burner (40 cm)",
        "Lư hương ba chân, thân chạm rồng mây, nắp đỉnh hình lân. Đúc khuôn cát và hoàn thiện "
        "thủ công bởi thợ làng Đại Bái, dùng cho bàn thờ gia tiên.",
        "A three-legged incense burner with dragons and clouds on its body and a lân "
        "(unicorn) on the lid. Sand-cast and hand-finished by Đại Bái craftsmen, for the "
        "family altar.",
        2400000,
        4,
        "tray",
    ),
    DemoProduct(
        _p(34),
        4,
        "Giỏ mây tre đan Xuân Lai",
        "Xuân Lai woven bamboo and rattan basket",
        "Giỏ xách đan từ tre và mây tự nhiên bởi người thợ làng Xuân Lai (Gia Bình). Nan vót "
        "đều, xử lý chống mốc và phủ dầu bóng gốc nước. Dùng đi chợ, đựng đồ hoặc trang trí.",
        "A handbag woven from natural bamboo and rattan by the craftspeople of Xuân Lai "
        "village (Gia Bình). Evenly split strips, treated against mould and sealed with a "
        "water-based varnish. For market days, storage or display.",
        180000,
        35,
        "basket",
    ),
    DemoProduct(
        _p(35),
        4,
        "Chao đèn mây Xuân Lai (đường kính 40 cm)",
        "Xuân Lai rattan pendant lamp (40 cm)",
        "Chao đèn thả trần đan bằng mây, dáng tròn, ánh sáng hắt qua nan tạo bóng đẹp trên "
        "tường. Kèm dây và đui đèn E27.",
        "A round rattan pendant shade that casts patterned shadows on the walls. Supplied with "
        "cord and an E27 lamp holder.",
        420000,
        9,
        "basket",
    ),
    DemoProduct(
        _p(36),
        4,
        "Giấy dó Phong Khê (xấp 20 tờ)",
        "Phong Khê handmade dó paper (20 sheets)",
        "Giấy dó làm thủ công từ vỏ cây dó, xeo từng tờ và phơi tự nhiên theo nghề truyền "
        "thống của Phong Khê. Giấy dai, xốp, thấm mực tốt, dùng viết thư pháp, vẽ tranh hoặc "
        "in khắc gỗ. Khổ 60 × 80 cm.",
        "Handmade paper from the bark of the dó tree, each sheet lifted from the vat and "
        "air-dried in Phong Khê's traditional way. Strong, soft and absorbent: for "
        "calligraphy, painting or woodblock printing. 60 × 80 cm.",
        120000,
        25,
        "paper",
    ),
    DemoProduct(
        _p(37),
        4,
        "Sổ tay bìa giấy dó (khổ A5)",
        "Dó paper notebook (A5)",
        "Sổ tay khâu gáy thủ công, bìa giấy dó in hoa văn tranh dân gian, ruột 100 trang giấy "
        "màu kem. Món quà lưu niệm nhỏ gọn mang dấu ấn làng nghề Bắc Ninh.",
        "A hand-stitched notebook with a dó paper cover printed with folk-art patterns and 100 "
        "cream pages. A small souvenir that carries the mark of Bắc Ninh's craft villages.",
        95000,
        40,
        "paper",
    ),
    # --- 5 Ornamental plants and animals ------------------------------------
    DemoProduct(
        _p(38),
        5,
        "Bonsai sanh mini trong chậu gốm Phù Lãng",
        "Mini sanh (ficus) bonsai in a Phù Lãng pot",
        "Cây sanh được uốn dáng trực, tạo tán nhiều năm tại nhà vườn, trồng trong chậu gốm Phù "
        "Lãng. Cây khỏe, dễ chăm, đặt bàn làm việc hoặc hiên nhà có nắng nhẹ. Cao khoảng 35 cm "
        "cả chậu.",
        "A sanh (ficus) trained for years in the nursery into an upright style and planted in "
        "a Phù Lãng stoneware pot. Hardy and easy to care for, on a desk or a lightly sunny "
        "porch. About 35 cm tall with the pot.",
        850000,
        4,
        "tree",
    ),
    DemoProduct(
        _p(39),
        5,
        "Lan hồ điệp chậu 3 cành",
        "Phalaenopsis orchid, three flower spikes",
        "Lan hồ điệp trồng trong nhà màng điều khiển nhiệt độ, chậu ba cành hoa đang nở. Hoa "
        "bền một đến hai tháng trong nhà, hợp trưng Tết và làm quà tặng. Chỉ giao trong tỉnh "
        "Bắc Ninh.",
        "Phalaenopsis orchids raised in a climate-controlled greenhouse, three flowering "
        "spikes per pot. The blooms last one to two months indoors, ideal for Tết and as a "
        "gift. Delivered within Bắc Ninh province only.",
        950000,
        6,
        "flower",
    ),
    DemoProduct(
        _p(40),
        5,
        "Đào thế mini trồng chậu",
        "Mini potted peach blossom tree",
        "Cây đào trồng chậu được uốn thế và hãm cho nở đúng dịp Tết, dáng nhỏ gọn hợp căn hộ. "
        "Nụ hồng đậm, lá non xanh. Hàng theo mùa, nhận đặt trước từ tháng Chạp.",
        "A potted, trained peach tree timed to blossom for Tết, compact enough for an "
        "apartment. Deep pink buds and fresh young leaves. Seasonal: orders open in the last "
        "lunar month.",
        650000,
        0,
        "flower",
    ),
    # --- 6 Community tourism and services -----------------------------------
    DemoProduct(
        _p(41),
        6,
        "Trải nghiệm hát Quan họ tại làng Viêm Xá (làng Diềm)",
        "Quan họ singing experience in Viêm Xá (Diềm) village",
        "Một buổi chiều ở làng Diềm, nơi được coi là làng Quan họ gốc: nghe liền anh, liền chị "
        "hát đối đáp, học vài câu Quan họ, mặc thử áo mớ ba mớ bảy và đội nón quai thao. Có "
        "mời trầu, nước chè và tham quan đền Vua Bà. Thời lượng 3 giờ, giá cho một người.",
        "An afternoon in Diềm village, regarded as the cradle of Quan họ: hear liền anh and "
        "liền chị singers trade verses, learn a few lines yourself and try on the traditional "
        "costume and quai thao hat. Betel, green tea and a visit to the Vua Bà temple are "
        "included. Three hours, price per person.",
        350000,
        20,
        "hat",
    ),
    DemoProduct(
        _p(42),
        6,
        "Trải nghiệm in tranh Đông Hồ",
        "Đông Hồ woodblock printing workshop",
        "Tham quan xưởng tranh của nghệ nhân làng Đông Hồ, tìm hiểu cách làm giấy điệp và pha "
        "màu tự nhiên, rồi tự tay in một bức tranh mang về. Phù hợp gia đình và học sinh. Thời "
        "lượng 2 giờ, giá cho một người.",
        "Visit a master printer's workshop in Đông Hồ village, see how the seashell-coated "
        "paper and natural colours are made, then print a picture of your own to take home. "
        "Good for families and school groups. Two hours, price per person.",
        250000,
        30,
        "frame",
    ),
    DemoProduct(
        _p(43),
        6,
        "Trải nghiệm làm gốm Phù Lãng",
        "Pottery workshop in Phù Lãng",
        "Một buổi ở làng gốm Phù Lãng bên sông Cầu: xem lò nung củi, học nặn gốm trên bàn "
        "xoay và trang trí sản phẩm của mình; sản phẩm được nung và gửi về sau khoảng hai "
        "tuần. Thời lượng 3 giờ, giá cho một người.",
        "A session in the pottery village of Phù Lãng on the Cầu river: see the wood-fired "
        "kilns, learn to throw on the wheel and decorate your own piece, which is fired and "
        "posted to you about two weeks later. Three hours, price per person.",
        300000,
        16,
        "vase",
    ),
    DemoProduct(
        _p(44),
        6,
        "Tham quan Đền Đô và làng Đình Bảng (nửa ngày)",
        "Đền Đô temple and Đình Bảng village (half day)",
        "Nửa ngày cùng hướng dẫn viên địa phương: viếng Đền Đô, nơi thờ tám vị vua nhà Lý, "
        "thăm đình Đình Bảng và thưởng thức bánh phu thê của làng. Giá cho một người, gồm vé "
        "tham quan và nước uống; mỗi đoàn tối đa 15 khách.",
        "Half a day with a local guide: Đền Đô, the temple of the eight Lý kings, the "
        "communal house of Đình Bảng and a tasting of the village's phu thê cakes. Price per "
        "person, entry and drinks included; groups of up to 15.",
        450000,
        2,
        "roof",
    ),
]
