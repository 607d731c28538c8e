"""The demo marketplace as plain data: people, shops with their stories, and what each shop sells.

Order matters: a shop's position in SHOPS gives its owner's phone number, so add new shops at the end.
"""

from dataclasses import dataclass

PASSWORD = "chosen123"  # noqa: S105 (the published demo password)


@dataclass(frozen=True)
class Person:
    name: str  # family name first, as Vietnamese people write it
    phone: str
    email: str | None = None


@dataclass(frozen=True)
class Mentor:
    person: Person
    region: str
    province_codes: tuple[int, ...]


@dataclass(frozen=True)
class Category:
    colour: tuple[int, int, int]
    shape: str  # one of pictures.SHAPES
    packs: tuple[tuple[str, float], ...]  # pack or variant, and its price as a multiple of the first
    note: str  # how it is made: the middle sentence of every description
    tip: str  # how to keep or use it: the last sentence when the product has no OCOP stars


@dataclass(frozen=True)
class DemoShop:
    name: str
    province_code: int
    ward: str
    owner: str
    story: str
    products: dict[str, tuple[tuple[str, int], ...]]  # category path -> (kind, price of the first pack)


STAFF = Person(name="Vũ Thị Minh Nguyệt", phone="0900000001", email="admin@chosen.vn")
# The demo staff's authenticator key for the second step (base32, as apps take it typed), published
# like the demo password: seed_demo gives it to her only where settings.DEBUG is on, never in production.
STAFF_TOTP_SECRET = "INUG6U3FNZCGK3LPKN2GCZTGGJDECIJB"  # noqa: S105
BUYER = Person(name="Phạm Minh Anh", phone="0900000021", email="buyer@chosen.vn")

# The 34 provinces in force since July 2025, split between the three regional mentors.
MENTORS = (
    Mentor(
        Person(name="Đặng Thu Hà", phone="0900000011", email="mentor.bac@chosen.vn"),
        region="Miền Bắc",
        province_codes=(1, 4, 8, 11, 12, 14, 15, 19, 20, 22, 24, 25, 31, 33, 37),
    ),
    Mentor(
        Person(name="Lê Thị Hương Giang", phone="0900000012", email="mentor.trung@chosen.vn"),
        region="Miền Trung và Tây Nguyên",
        province_codes=(38, 40, 42, 44, 46, 48, 51, 52, 56, 66, 68),
    ),
    Mentor(
        Person(name="Trần Ngọc Mai", phone="0900000013", email="mentor.nam@chosen.vn"),
        region="Miền Nam",
        province_codes=(75, 79, 80, 82, 86, 91, 92, 96),
    ),
)

# Common bank BINs (payments.md); each shop gets one, picked from its slug.
BANK_BINS = (
    "970436", "970415", "970418", "970405", "970407", "970422", "970416", "970432", "970423",
    "970403", "970437", "970441", "970443", "970440", "970426", "970448", "970449", "970431",
)  # fmt: skip

CATEGORIES = {
    "Thực phẩm > Nước mắm": Category(
        colour=(196, 120, 40),
        shape="bottle",
        packs=(("chai 500ml", 1.0), ("chai 250ml", 0.6), ("can 2 lít", 3.4)),
        note="Cá cơm tươi được ủ chượp với muối biển trong thùng gỗ từ 12 đến 18 tháng, không chất bảo quản.",
        tip="Đậy kín nắp sau khi dùng và để nơi khô mát.",
    ),
    "Thực phẩm > Gạo": Category(
        colour=(190, 160, 90),
        shape="bag",
        packs=(("túi 2kg", 1.0), ("túi 5kg", 2.4), ("bao 10kg", 4.6)),
        note="Lúa được trồng theo hướng hữu cơ và xay xát mới mỗi tuần nên hạt gạo giữ được mùi thơm.",
        tip="Vo nhẹ tay và nấu với ít nước hơn gạo thường một chút.",
    ),
    "Thực phẩm > Mật ong": Category(
        colour=(222, 160, 20),
        shape="jar",
        packs=(("hũ 250ml", 1.0), ("chai 500ml", 1.9), ("chai 1 lít", 3.6)),
        note="Mật được quay từ tổ ong nuôi thả tự nhiên, không pha đường và không qua gia nhiệt.",
        tip="Mật ong nguyên chất có thể kết tinh khi trời lạnh, đó là điều bình thường.",
    ),
    "Thực phẩm > Bánh kẹo": Category(
        colour=(214, 96, 96),
        shape="box",
        packs=(("hộp 300g", 1.0), ("hộp 500g", 1.6), ("hộp quà 1kg", 3.0)),
        note="Bánh kẹo được làm thủ công theo công thức gia truyền, từ đường mía và nguyên liệu địa phương.",
        tip="Dùng ngon nhất trong 30 ngày kể từ ngày sản xuất.",
    ),
    "Thực phẩm > Đặc sản khô": Category(
        colour=(160, 82, 50),
        shape="bag",
        packs=(("gói 200g", 1.0), ("gói 500g", 2.4), ("túi 1kg", 4.6)),
        note="Nguyên liệu tươi được sơ chế trong ngày, phơi hoặc sấy vừa độ để giữ vị ngọt tự nhiên.",
        tip="Sau khi mở gói, bảo quản trong ngăn mát tủ lạnh.",
    ),
    "Thực phẩm > Gia vị": Category(
        colour=(178, 52, 44),
        shape="jar",
        packs=(("lọ 100g", 1.0), ("hũ 200g", 1.8), ("túi 500g", 4.0)),
        note="Gia vị được phơi khô tự nhiên và sàng lọc kỹ, giữ trọn mùi thơm đặc trưng.",
        tip="Đậy kín sau khi dùng để gia vị không bị ẩm.",
    ),
    "Đồ uống > Trà": Category(
        colour=(96, 140, 70),
        shape="box",
        packs=(("hộp 100g", 1.0), ("túi 200g", 1.8), ("hộp thiếc 250g", 2.6)),
        note="Búp trà được hái tay vào sáng sớm, sao sấy thủ công trên chảo gang.",
        tip="Hãm với nước 80–90 độ trong 2–3 phút để trà không bị chát.",
    ),
    "Đồ uống > Cà phê": Category(
        colour=(110, 70, 45),
        shape="bag",
        packs=(("túi 250g", 1.0), ("túi 500g", 1.9), ("túi 1kg", 3.6)),
        note="Chỉ hái quả chín đỏ, phơi trên giàn tre và rang mộc, không tẩm hương liệu.",
        tip="Pha phin với nước sôi để nguội khoảng 95 độ cho vị đậm đà.",
    ),
    "Thủ công mỹ nghệ > Thổ cẩm": Category(
        colour=(150, 44, 84),
        shape="cloth",
        packs=(("dệt tay", 1.0), ("nhuộm chàm", 1.2), ("hoa văn truyền thống", 1.4)),
        note="Mỗi sản phẩm được các chị em dệt trên khung cửi gỗ, mất từ ba đến bảy ngày.",
        tip="Giặt tay bằng nước lạnh và phơi trong bóng râm để giữ màu.",
    ),
    "Thủ công mỹ nghệ > Gốm sứ": Category(
        colour=(50, 92, 160),
        shape="bowl",
        packs=(("men lam", 1.0), ("men rạn", 1.2), ("vẽ tay", 1.5)),
        note="Gốm được chuốt và vẽ tay, nung ở 1.200 độ nên men bền màu.",
        tip="Dùng được trong lò vi sóng và máy rửa bát; tránh va đập mạnh.",
    ),
    "Thủ công mỹ nghệ > Mây tre đan": Category(
        colour=(176, 130, 70),
        shape="basket",
        packs=(("cỡ nhỏ", 1.0), ("cỡ vừa", 1.4), ("bộ 3 chiếc", 2.6)),
        note="Nguyên liệu được chẻ, luộc và hun khói chống mối mọt trước khi đan bằng tay.",
        tip="Để nơi thoáng khí, thỉnh thoảng phơi nắng nhẹ.",
    ),
    "Thủ công mỹ nghệ > Sơn mài": Category(
        colour=(130, 30, 30),
        shape="frame",
        packs=(("màu đỏ son", 1.0), ("khảm trai", 1.5), ("dát vàng", 2.0)),
        note="Qua hàng chục lớp sơn ta được mài và phủ, mỗi sản phẩm mất vài tháng để hoàn thiện.",
        tip="Lau bằng khăn mềm và tránh ánh nắng trực tiếp.",
    ),
    "Thủ công mỹ nghệ > Đèn lồng": Category(
        colour=(200, 50, 50),
        shape="lantern",
        packs=(("cỡ 30cm", 1.0), ("cỡ 40cm", 1.4), ("bộ 3 chiếc", 2.7)),
        note="Khung tre được uốn tay, căng lụa và vẽ hoa văn từng chiếc một.",
        tip="Đèn gấp gọn được, dễ mang đi xa làm quà.",
    ),
    "Sức khỏe & làm đẹp > Dược liệu": Category(
        colour=(64, 116, 72),
        shape="box",
        packs=(("hộp 100g", 1.0), ("lọ 200g", 1.8), ("hộp quà", 2.8)),
        note="Dược liệu được trồng dưới tán rừng, thu hái đúng tuổi và sấy lạnh để giữ hoạt chất.",
        tip="Người có bệnh nền nên hỏi ý kiến thầy thuốc trước khi dùng.",
    ),
    "Sức khỏe & làm đẹp > Tinh dầu": Category(
        colour=(60, 140, 130),
        shape="bottle",
        packs=(("lọ 50ml", 1.0), ("lọ 100ml", 1.8), ("chai 500ml", 7.0)),
        note="Tinh dầu được chưng cất hơi nước từ lá tươi, nguyên chất, không pha dầu nền.",
        tip="Để xa tầm tay trẻ nhỏ; không bôi trực tiếp lên da em bé.",
    ),
    "Sức khỏe & làm đẹp > Mỹ phẩm thiên nhiên": Category(
        colour=(200, 110, 140),
        shape="jar",
        packs=(("loại nhỏ", 1.0), ("loại lớn", 1.8), ("bộ quà tặng", 2.6)),
        note="Làm từ nguyên liệu thiên nhiên của địa phương, không hương liệu tổng hợp.",
        tip="Thử trên một vùng da nhỏ trước khi dùng.",
    ),
    "Nông sản > Trái cây": Category(
        colour=(226, 130, 30),
        shape="fruit",
        packs=(("thùng 3kg", 1.0), ("thùng 5kg", 1.6), ("hộp quà 2kg", 0.9)),
        note="Trái được hái khi vừa chín tới và gửi đi ngay trong ngày để giữ độ tươi.",
        tip="Bảo quản ngăn mát, dùng ngon nhất trong 5–7 ngày.",
    ),
    "Nông sản > Rau củ & hạt": Category(
        colour=(120, 150, 50),
        shape="bag",
        packs=(("túi 500g", 1.0), ("hộp 1kg", 1.9), ("túi 2kg", 3.6)),
        note="Canh tác theo tiêu chuẩn VietGAP, không dùng thuốc bảo quản sau thu hoạch.",
        tip="Để nơi khô thoáng, tránh ánh nắng trực tiếp.",
    ),
}

SHOPS = (
    # Miền Bắc
    DemoShop(
        name="HTX Nước mắm Cát Hải",
        province_code=31,
        ward="Đặc khu Cát Hải",
        owner="Phạm Thị Thu",
        story=(
            "Hợp tác xã ra đời từ nghề làm mắm ba đời của các gia đình ven biển Cát Hải. Cá cơm đánh bắt "
            "trong ngày được ướp muối ngay trên thuyền và ủ chượp hơn một năm. Hơn hai mươi chị em trong "
            "đặc khu có việc làm ổn định nhờ nghề truyền thống này."
        ),
        products={
            "Thực phẩm > Nước mắm": (
                ("Nước mắm cá cơm Cát Hải 35 độ đạm", 95_000),
                ("Nước mắm nhĩ Cát Hải 40 độ đạm", 160_000),
                ("Nước mắm cốt Cát Hải 30 độ đạm", 75_000),
            ),
            "Thực phẩm > Gia vị": (("Mắm tôm Cát Hải", 45_000),),
        },
    ),
    DemoShop(
        name="Cơ sở Mật ong Bạc Hà Mộc Châu",
        province_code=14,
        ward="Phường Mộc Châu",
        owner="Lò Thị Hoa",
        story=(
            "Mỗi mùa hoa bạc hà nở tím cao nguyên, chị Hoa cùng các hộ trong bản đưa đàn ong lên nương. "
            "Mật bạc hà Mộc Châu có vị ngọt thanh, mùi thơm nhẹ và màu hổ phách đặc trưng. Cơ sở cam kết "
            "không cho ong ăn đường trong mùa lấy mật."
        ),
        products={
            "Thực phẩm > Mật ong": (
                ("Mật ong hoa bạc hà Mộc Châu", 250_000),
                ("Mật ong hoa cải Mộc Châu", 180_000),
                ("Mật ong rừng Sơn La", 320_000),
            ),
            "Sức khỏe & làm đẹp > Mỹ phẩm thiên nhiên": (("Son dưỡng sáp ong Mộc Châu", 65_000),),
        },
    ),
    DemoShop(
        name="Tổ hợp tác Thổ cẩm Lác",
        province_code=25,
        ward="Xã Mai Châu",
        owner="Hà Thị Lan",
        story=(
            "Bản Lác là làng du lịch cộng đồng của người Thái trắng ở Mai Châu. Mười lăm chị em trong tổ "
            "giữ nghề dệt của mẹ, của bà, từ trồng bông, nhuộm chàm đến dệt hoa văn. Mỗi chiếc khăn, "
            "chiếc túi mang theo một câu chuyện của bản làng."
        ),
        products={
            "Thủ công mỹ nghệ > Thổ cẩm": (
                ("Khăn choàng thổ cẩm Lác", 280_000),
                ("Túi đeo thổ cẩm Lác", 220_000),
                ("Ví cầm tay thổ cẩm", 120_000),
                ("Khăn trải bàn thổ cẩm", 350_000),
            ),
        },
    ),
    DemoShop(
        name="HTX Chè Shan tuyết Hoàng Su Phì",
        province_code=8,
        ward="Xã Hoàng Su Phì",
        owner="Vàng Thị Mai",
        story=(
            "Những cây chè Shan tuyết cổ thụ hàng trăm năm tuổi mọc trên sườn núi cao hơn 1.000 mét. Chị "
            "em người Dao, người Nùng hái búp bằng tay và sao chè trên chảo gang theo cách của cha ông. "
            "Hợp tác xã giúp bà con bán chè với giá tốt thay vì bán búp tươi cho thương lái."
        ),
        products={
            "Đồ uống > Trà": (
                ("Trà Shan tuyết cổ thụ Hoàng Su Phì", 180_000),
                ("Hồng trà Shan tuyết", 220_000),
                ("Bạch trà Shan tuyết", 450_000),
                ("Trà Shan tuyết búp non", 260_000),
            ),
        },
    ),
    DemoShop(
        name="Xưởng Gốm Men Lam Bát Tràng",
        province_code=1,
        ward="Xã Bát Tràng",
        owner="Nguyễn Thị Hạnh",
        story=(
            "Xưởng gốm nhỏ của gia đình chị Hạnh nằm sâu trong ngõ làng cổ Bát Tràng, đã bốn đời giữ lửa "
            "lò. Mỗi chiếc bát, chiếc bình đều được chuốt tay trên bàn xoay và vẽ men lam bằng bút lông. "
            "Xưởng nhận làm quà tặng khắc tên theo yêu cầu."
        ),
        products={
            "Thủ công mỹ nghệ > Gốm sứ": (
                ("Bộ ấm chén Bát Tràng", 650_000),
                ("Bình hoa dáng tỏi", 420_000),
                ("Bát ăn cơm Bát Tràng", 45_000),
                ("Đĩa gốm vẽ sen", 180_000),
            ),
        },
    ),
    DemoShop(
        name="Tổ hợp tác Mây tre đan Phú Vinh",
        province_code=1,
        ward="Xã Phú Nghĩa",
        owner="Đỗ Thị Huyền",
        story=(
            "Làng Phú Vinh có nghề mây tre đan hơn bốn trăm năm, nổi tiếng với những sản phẩm đan nhỏ, "
            "khít và bền. Các chị trong tổ nhận nan về đan tại nhà, vừa làm vừa chăm con. Sản phẩm của tổ "
            "đã có mặt ở nhiều cửa hàng quà lưu niệm ở Hà Nội và Hội An."
        ),
        products={
            "Thủ công mỹ nghệ > Mây tre đan": (
                ("Giỏ mây đi chợ", 180_000),
                ("Khay tre đựng trà", 150_000),
                ("Hộp mây đựng đồ", 220_000),
                ("Đèn mây trang trí", 350_000),
            ),
        },
    ),
    DemoShop(
        name="Xưởng Sơn mài Hạ Thái",
        province_code=1,
        ward="Xã Thường Tín",
        owner="Trần Thị Ngọc",
        story=(
            "Làng Hạ Thái là một trong những cái nôi của nghề sơn mài Việt Nam. Xưởng của chị Ngọc vẫn "
            "dùng sơn ta, vỏ trứng và vỏ trai, mài tay qua nhiều lớp để màu có chiều sâu. Mỗi sản phẩm là "
            "món quà mang hồn Việt gửi người thân ở xa."
        ),
        products={
            "Thủ công mỹ nghệ > Sơn mài": (
                ("Tranh sơn mài làng quê", 1_200_000),
                ("Hộp sơn mài đựng trang sức", 380_000),
                ("Khay sơn mài", 450_000),
                ("Bộ lót cốc sơn mài", 250_000),
            ),
        },
    ),
    DemoShop(
        name="HTX Vải thiều Lục Ngạn",
        province_code=24,
        ward="Xã Lục Ngạn",
        owner="Lương Thị Hằng",
        story=(
            "Lục Ngạn là vùng vải thiều lớn nhất cả nước, quả to, cùi dày và ngọt lịm. Bốn mươi hộ thành "
            "viên trồng vải theo tiêu chuẩn VietGAP, có mã số vùng trồng để xuất khẩu. Ngoài mùa vải, chị "
            "em làm vải sấy và lấy mật ong hoa vải."
        ),
        products={
            "Nông sản > Trái cây": (("Vải thiều Lục Ngạn", 120_000), ("Cam Lục Ngạn", 110_000)),
            "Thực phẩm > Đặc sản khô": (("Vải thiều sấy khô", 60_000),),
            "Thực phẩm > Mật ong": (("Mật ong hoa vải Lục Ngạn", 160_000),),
        },
    ),
    DemoShop(
        name="Tổ hợp tác Thịt trâu gác bếp Mường Thanh",
        province_code=11,
        ward="Phường Mường Thanh",
        owner="Lò Thị Xuân",
        story=(
            "Theo cách của người Thái đen, thịt trâu được tẩm mắc khén, gừng, ớt rồi treo gác bếp cho "
            "khói củi làm săn lại. Tổ hợp tác gồm mười hai chị em, mỗi mẻ thịt đều ghi rõ ngày làm. Món "
            "quà của núi rừng Tây Bắc nay đến được với khách khắp cả nước."
        ),
        products={
            "Thực phẩm > Đặc sản khô": (
                ("Thịt trâu gác bếp Điện Biên", 280_000),
                ("Thịt lợn gác bếp", 220_000),
                ("Lạp xưởng gác bếp", 180_000),
            ),
            "Thực phẩm > Gia vị": (("Mắc khén rừng Tây Bắc", 60_000), ("Hạt dổi rừng", 120_000)),
        },
    ),
    DemoShop(
        name="HTX Hải sản khô Cô Tô",
        province_code=22,
        ward="Đặc khu Cô Tô",
        owner="Vũ Thị Hải",
        story=(
            "Trên đảo Cô Tô, các chị em vợ ngư dân cùng làm mực một nắng, cá khô và ruốc biển từ mẻ lưới "
            "của chồng. Hải sản được phơi trên giàn cao giữa gió biển, không tẩm hóa chất. Hợp tác xã "
            "giúp các gia đình có thu nhập ổn định cả những ngày biển động."
        ),
        products={
            "Thực phẩm > Đặc sản khô": (
                ("Mực một nắng Cô Tô", 450_000),
                ("Mực khô Cô Tô", 650_000),
                ("Cá chỉ vàng khô", 180_000),
                ("Ruốc biển khô", 90_000),
            ),
        },
    ),
    DemoShop(
        name="HTX Dược liệu Dao đỏ Sa Pa",
        province_code=15,
        ward="Phường Sa Pa",
        owner="Tẩn Thị Mẩy",
        story=(
            "Bài thuốc tắm của người Dao đỏ được truyền qua nhiều đời, gồm hàng chục loại lá rừng quanh "
            "Sa Pa. Hợp tác xã trồng và sấy lá thuốc ngay tại bản, đóng gói tiện dùng cho mỗi gia đình. "
            "Nghề thuốc giúp chị em có thu nhập mà vẫn giữ được tri thức của dân tộc mình."
        ),
        products={
            "Sức khỏe & làm đẹp > Dược liệu": (
                ("Lá tắm người Dao đỏ", 60_000),
                ("Cao lá thuốc Dao đỏ", 150_000),
                ("Tam thất Sa Pa", 450_000),
                ("Trà giảo cổ lam", 90_000),
            ),
        },
    ),
    # Miền Trung và Tây Nguyên
    DemoShop(
        name="Cơ sở Kẹo cu đơ Thành Sen",
        province_code=42,
        ward="Phường Thành Sen",
        owner="Lê Thị Thanh",
        story=(
            "Kẹo cu đơ Hà Tĩnh làm từ mật mía, lạc rang và gừng tươi, kẹp giữa hai lớp bánh đa giòn. Chị "
            "Thanh giữ công thức của mẹ, nấu mật trên bếp củi để kẹo có màu cánh gián và vị thơm đặc "
            "trưng. Mỗi ngày cơ sở làm ra khoảng hai nghìn chiếc kẹo."
        ),
        products={
            "Thực phẩm > Bánh kẹo": (
                ("Kẹo cu đơ Hà Tĩnh", 60_000),
                ("Kẹo cu đơ gừng", 65_000),
                ("Bánh đa vừng Hà Tĩnh", 40_000),
                ("Kẹo lạc Hà Tĩnh", 50_000),
            ),
        },
    ),
    DemoShop(
        name="Tổ hợp tác Đèn lồng Hội An",
        province_code=48,
        ward="Phường Hội An",
        owner="Huỳnh Thị Bích",
        story=(
            "Những chiếc đèn lồng lụa làm nên vẻ lung linh của phố cổ Hội An mỗi đêm rằm. Các chị trong "
            "tổ tự uốn khung tre, căng lụa và vẽ hoa văn bằng tay. Đèn gấp gọn được nên dễ gửi đi xa làm "
            "quà."
        ),
        products={
            "Thủ công mỹ nghệ > Đèn lồng": (
                ("Đèn lồng lụa tròn", 120_000),
                ("Đèn lồng củ tỏi", 150_000),
                ("Đèn lồng vẽ hoa sen", 180_000),
                ("Dây đèn lồng mini", 220_000),
            ),
        },
    ),
    DemoShop(
        name="HTX Tỏi Lý Sơn",
        province_code=51,
        ward="Đặc khu Lý Sơn",
        owner="Võ Thị Lệ",
        story=(
            "Tỏi Lý Sơn được trồng trên nền cát trắng trộn đất đỏ núi lửa, tép nhỏ, cay nồng mà hậu ngọt. "
            "Các chị em trên đảo tự tay trồng, phơi và bó tỏi theo kinh nghiệm nhiều đời. Hợp tác xã còn "
            "làm tỏi đen từ chính nguồn tỏi của đảo."
        ),
        products={
            "Nông sản > Rau củ & hạt": (
                ("Tỏi cô đơn Lý Sơn", 180_000),
                ("Tỏi nhiều tép Lý Sơn", 90_000),
                ("Tỏi đen Lý Sơn", 250_000),
                ("Hành tím Lý Sơn", 70_000),
            ),
        },
    ),
    DemoShop(
        name="Cơ sở Mè xửng Vỹ Dạ",
        province_code=46,
        ward="Phường Vỹ Dạ",
        owner="Nguyễn Thị Minh Châu",
        story=(
            "Mè xửng là món quà không thể thiếu khi ghé xứ Huế. Cơ sở nấu kẹo từ mạch nha, đường, đậu "
            "phộng và mè rang theo công thức hơn năm mươi năm của gia đình. Kẹo dẻo mà không dính răng, "
            "thơm mùi mè và gừng."
        ),
        products={
            "Thực phẩm > Bánh kẹo": (("Mè xửng Huế", 45_000), ("Mè xửng gừng", 50_000)),
            "Đồ uống > Trà": (("Trà cung đình Huế", 90_000), ("Trà sen Tịnh Tâm", 320_000)),
        },
    ),
    DemoShop(
        name="HTX Tinh dầu tràm Phong Điền",
        province_code=46,
        ward="Phường Phong Điền",
        owner="Hồ Thị Nhàn",
        story=(
            "Rừng tràm gió Phong Điền cho loại tinh dầu thơm ấm mà các mẹ xứ Huế vẫn dùng cho con nhỏ. "
            "Hợp tác xã chưng cất lá tràm tươi bằng nồi hơi, hai trăm ký lá mới được một lít tinh dầu. "
            "Sản phẩm được nhiều gia đình có con nhỏ tin dùng."
        ),
        products={
            "Sức khỏe & làm đẹp > Tinh dầu": (
                ("Tinh dầu tràm Huế", 65_000),
                ("Tinh dầu sả chanh", 55_000),
                ("Tinh dầu bạc hà", 60_000),
                ("Dầu tràm cho bé", 75_000),
            ),
        },
    ),
    DemoShop(
        name="HTX Cà phê Buôn Ma Thuột",
        province_code=66,
        ward="Phường Buôn Ma Thuột",
        owner="Đinh Thị Phương",
        story=(
            "Hợp tác xã có hơn sáu mươi hộ trồng cà phê quanh Buôn Ma Thuột, nhiều hộ do phụ nữ Ê Đê làm "
            "chủ. Cà phê được hái chín, phơi trên giàn tre và rang mộc tại xưởng của hợp tác xã. Người "
            "mua biết rõ gói cà phê của mình đến từ vườn nào."
        ),
        products={
            "Đồ uống > Cà phê": (
                ("Cà phê Robusta rang mộc", 120_000),
                ("Cà phê Arabica", 180_000),
                ("Cà phê Robusta chín đỏ", 220_000),
                ("Cà phê bột pha phin", 100_000),
            ),
        },
    ),
    DemoShop(
        name="HTX Atisô Đà Lạt",
        province_code=68,
        ward="Phường Lâm Viên - Đà Lạt",
        owner="Nguyễn Thị Kim Oanh",
        story=(
            "Atisô được trồng trên những triền đồi lạnh quanh Đà Lạt, nơi cây cho bông to và nhiều dược "
            "tính. Hợp tác xã sấy lạnh thân, lá, bông để làm trà và nấu cao theo cách của người Đà Lạt "
            "xưa. Chị em thành viên được tập huấn trồng atisô theo hướng hữu cơ."
        ),
        products={
            "Đồ uống > Trà": (("Trà atisô túi lọc", 55_000), ("Trà bông atisô sấy", 150_000)),
            "Sức khỏe & làm đẹp > Dược liệu": (("Cao atisô Đà Lạt", 180_000), ("Atisô đỏ sấy khô", 220_000)),
        },
    ),
    DemoShop(
        name="HTX Sâm Ngọc Linh",
        province_code=51,
        ward="Xã Ngọc Linh",
        owner="Trương Thị Nga",
        story=(
            "Sâm Ngọc Linh mọc dưới tán rừng già trên dãy núi Ngọc Linh, ở độ cao trên 1.500 mét. Hợp tác "
            "xã giúp đồng bào Xơ Đăng trồng sâm dưới tán rừng và truy xuất nguồn gốc từng củ. Sâm được "
            "bán kèm giấy chứng nhận tuổi và nguồn gốc."
        ),
        products={
            "Sức khỏe & làm đẹp > Dược liệu": (
                ("Sâm Ngọc Linh thái lát sấy", 3_800_000),
                ("Sâm dây Ngọc Linh", 420_000),
                ("Trà lá sâm Ngọc Linh", 180_000),
                ("Cao sâm dây Ngọc Linh", 350_000),
            ),
        },
    ),
    DemoShop(
        name="HTX Hồ tiêu Chư Sê",
        province_code=52,
        ward="Xã Chư Sê",
        owner="Phan Thị Thủy",
        story=(
            "Chư Sê là thủ phủ hồ tiêu của Tây Nguyên, hạt tiêu chắc, cay thơm nhờ đất đỏ bazan. Hợp tác "
            "xã chuyển sang trồng tiêu hữu cơ, không dùng thuốc diệt cỏ, và tự chế biến tiêu đỏ, tiêu "
            "xanh. Chị em thành viên được chia lợi nhuận theo sản lượng góp vào."
        ),
        products={
            "Thực phẩm > Gia vị": (
                ("Tiêu đen Chư Sê", 60_000),
                ("Tiêu đỏ Chư Sê", 120_000),
                ("Tiêu sọ trắng", 110_000),
                ("Tiêu xanh sấy lạnh", 90_000),
            ),
        },
    ),
    DemoShop(
        name="Tổ hợp tác Chiếu cói Nga Sơn",
        province_code=38,
        ward="Xã Nga Sơn",
        owner="Mai Thị Dung",
        story=(
            "Chiếu cói Nga Sơn nổi tiếng khắp cả nước với đường dệt mịn và hoa văn nhuộm màu tự nhiên. Tổ "
            "hợp tác có hai mươi chị em dệt chiếu, đan túi và thảm cói tại nhà. Cói được trồng ngay trên "
            "những cánh đồng ven biển của quê hương."
        ),
        products={
            "Thủ công mỹ nghệ > Mây tre đan": (
                ("Túi cói Nga Sơn", 150_000),
                ("Thảm cói tròn", 180_000),
                ("Hộp cói đựng đồ", 120_000),
                ("Chiếu cói Nga Sơn", 350_000),
            ),
        },
    ),
    # Miền Nam
    DemoShop(
        name="HTX Kẹo dừa Bến Tre",
        province_code=86,
        ward="Phường Bến Tre",
        owner="Đoàn Thị Mỹ Lệ",
        story=(
            "Xứ dừa Bến Tre có nghề làm kẹo dừa từ hơn trăm năm trước. Hợp tác xã nấu kẹo từ nước cốt dừa "
            "tươi và mạch nha, không chất bảo quản, gói bằng bánh tráng mỏng ăn được. Nhiều chị em lớn "
            "tuổi trong xóm có thêm thu nhập nhờ công đoạn gói kẹo."
        ),
        products={
            "Thực phẩm > Bánh kẹo": (
                ("Kẹo dừa sữa Bến Tre", 45_000),
                ("Kẹo dừa lá dứa", 45_000),
                ("Kẹo dừa sầu riêng", 50_000),
            ),
            "Sức khỏe & làm đẹp > Mỹ phẩm thiên nhiên": (("Dầu dừa ép lạnh Bến Tre", 90_000),),
        },
    ),
    DemoShop(
        name="HTX Nước mắm Phú Quốc",
        province_code=91,
        ward="Đặc khu Phú Quốc",
        owner="Trần Thị Kim Loan",
        story=(
            "Nước mắm Phú Quốc được bảo hộ chỉ dẫn địa lý, làm từ cá cơm than đánh bắt quanh đảo. Nhà "
            "thùng của hợp tác xã ủ chượp trong thùng gỗ bời lời, chỉ dùng cá và muối. Các chị em thành "
            "viên phụ trách từ khâu kéo rút đến đóng chai."
        ),
        products={
            "Thực phẩm > Nước mắm": (
                ("Nước mắm Phú Quốc 40 độ đạm", 140_000),
                ("Nước mắm cá cơm than 43 độ đạm", 190_000),
                ("Nước mắm Phú Quốc 30 độ đạm", 80_000),
            ),
            "Thực phẩm > Gia vị": (("Tiêu Phú Quốc", 75_000),),
        },
    ),
    DemoShop(
        name="Cơ sở Bánh pía Lâm Gia",
        province_code=92,
        ward="Phường Sóc Trăng",
        owner="Lâm Thị Mỹ",
        story=(
            "Bánh pía là món bánh của người Hoa ở Sóc Trăng, vỏ nhiều lớp mỏng, nhân đậu xanh, sầu riêng "
            "và trứng muối. Gia đình chị Mỹ làm bánh thủ công mỗi ngày và nướng bằng lò than. Bánh mới ra "
            "lò được gửi đi ngay để khách nhận bánh còn thơm."
        ),
        products={
            "Thực phẩm > Bánh kẹo": (
                ("Bánh pía đậu xanh sầu riêng", 85_000),
                ("Bánh pía trứng muối", 95_000),
                ("Bánh pía chay khoai môn", 80_000),
            ),
            "Thực phẩm > Đặc sản khô": (("Lạp xưởng Sóc Trăng", 180_000),),
        },
    ),
    DemoShop(
        name="HTX Gạo ST25 Mỹ Xuyên",
        province_code=92,
        ward="Phường Mỹ Xuyên",
        owner="Thạch Thị Phương",
        story=(
            "Gạo ST25 từng được vinh danh là gạo ngon nhất thế giới, được lai tạo ngay trên đất Sóc "
            "Trăng. Hợp tác xã trồng lúa theo mô hình lúa - tôm, không dùng thuốc trừ sâu hóa học. Gạo "
            "được xay xát mới mỗi tuần nên hạt dẻo, thơm mùi lá dứa."
        ),
        products={
            "Thực phẩm > Gạo": (
                ("Gạo ST25 lúa tôm", 75_000),
                ("Gạo ST24", 65_000),
                ("Gạo lứt đỏ ST25", 85_000),
                ("Gạo nếp ngỗng Sóc Trăng", 70_000),
            ),
        },
    ),
    DemoShop(
        name="Tổ hợp tác Tôm khô Đất Mũi",
        province_code=96,
        ward="Xã Đất Mũi",
        owner="Nguyễn Thị Bé Ba",
        story=(
            "Ở mũi đất cực Nam, tôm đất đánh bắt trong rừng đước được các chị luộc, phơi nắng rồi đập vỏ "
            "bằng tay. Tôm khô Đất Mũi đỏ au, ngọt đậm mà không cần phẩm màu. Tổ hợp tác còn làm khô cá "
            "và lấy mật ong rừng U Minh."
        ),
        products={
            "Thực phẩm > Đặc sản khô": (
                ("Tôm khô Đất Mũi", 420_000),
                ("Khô cá khoai Cà Mau", 160_000),
                ("Khô cá dứa một nắng", 220_000),
            ),
            "Thực phẩm > Mật ong": (("Mật ong rừng U Minh", 280_000),),
        },
    ),
    DemoShop(
        name="HTX Xoài cát Hòa Lộc Cái Bè",
        province_code=82,
        ward="Xã Cái Bè",
        owner="Đặng Thị Út",
        story=(
            "Xoài cát Hòa Lộc thơm ngọt, thịt mịn và ít xơ, là đặc sản nổi tiếng của vùng Cái Bè. Hợp tác "
            "xã bao trái từ khi còn non để quả đẹp mà không phải phun thuốc. Ngoài xoài, các chị em còn "
            "trồng bưởi, sầu riêng và làm xoài sấy dẻo."
        ),
        products={
            "Nông sản > Trái cây": (
                ("Xoài cát Hòa Lộc", 180_000),
                ("Bưởi da xanh Cái Bè", 150_000),
                ("Sầu riêng Ri6", 320_000),
            ),
            "Thực phẩm > Đặc sản khô": (("Xoài sấy dẻo", 60_000),),
        },
    ),
    DemoShop(
        name="Cơ sở Trà sen Tháp Mười",
        province_code=82,
        ward="Xã Tháp Mười",
        owner="Võ Thị Sen",
        story=(
            "Đồng Tháp Mười mùa nước nổi là mùa của những đầm sen bát ngát. Cơ sở ướp trà bằng gạo sen "
            "tươi theo cách thủ công, mỗi ký trà cần gần một nghìn bông sen. Chị em còn làm hạt sen sấy, "
            "trà tim sen và bột ngó sen."
        ),
        products={
            "Đồ uống > Trà": (("Trà ướp sen Tháp Mười", 350_000), ("Trà tim sen", 80_000)),
            "Nông sản > Rau củ & hạt": (("Hạt sen sấy khô", 120_000), ("Bột ngó sen", 150_000)),
        },
    ),
    DemoShop(
        name="Cơ sở Bánh tráng phơi sương Trảng Bàng",
        province_code=80,
        ward="Phường Trảng Bàng",
        owner="Bùi Thị Hồng",
        story=(
            "Bánh tráng phơi sương chỉ có ở Trảng Bàng: bánh nướng trên than hồng rồi phơi dưới sương đêm "
            "cho mềm dẻo. Chị Hồng tráng bánh bằng tay mỗi sáng từ ba giờ. Cuốn với thịt luộc, rau rừng "
            "và chấm muối tôm Tây Ninh là ngon nhất."
        ),
        products={
            "Thực phẩm > Bánh kẹo": (
                ("Bánh tráng phơi sương Trảng Bàng", 55_000),
                ("Bánh tráng trộn Tây Ninh", 35_000),
                ("Bánh tráng bơ", 40_000),
            ),
            "Thực phẩm > Gia vị": (("Muối tôm Tây Ninh", 40_000), ("Muối ớt tỏi", 35_000)),
        },
    ),
    DemoShop(
        name="HTX Hạt điều Bù Đăng",
        province_code=75,
        ward="Xã Bù Đăng",
        owner="Điểu Thị Hương",
        story=(
            "Vùng đất Bình Phước xưa là nơi trồng điều lớn nhất cả nước, hạt to, vỏ lụa mỏng và béo ngậy. "
            "Nhiều thành viên hợp tác xã là phụ nữ người S'tiêng, rang điều bằng củi theo kiểu truyền "
            "thống. Điều được tách vỏ thủ công nên hạt nguyên vẹn, ít vỡ."
        ),
        products={
            "Nông sản > Rau củ & hạt": (
                ("Hạt điều rang muối Bình Phước", 140_000),
                ("Hạt điều rang củi vỏ lụa", 150_000),
                ("Hạt điều tỏi ớt", 160_000),
                ("Hạt điều sống tách vỏ", 120_000),
            ),
        },
    ),
)


@dataclass(frozen=True)
class DemoApplication:
    """A member's shop still under review, so that mentors find work in their queue."""

    name: str
    province_code: int
    ward: str
    owner: Person
    story: str
    union_chapter: str
    bank_bin: str
    account_number: str
    mentor_request: str = ""  # when set, the mentor has sent the application back with this note
    field_comments: tuple[tuple[str, str], ...] = ()


APPLICATIONS = (
    DemoApplication(
        name="Bánh chưng Tranh Khúc",
        province_code=1,
        ward="Xã Thanh Trì",
        owner=Person(name="Nguyễn Thị Hằng", phone="0912000201"),
        story="Làng Tranh Khúc gói bánh chưng quanh năm. Tôi dùng gạo nếp cái hoa vàng, "
        "đỗ xanh và thịt lợn ba chỉ, luộc 10 tiếng bằng củi.",
        union_chapter="Chi hội Phụ nữ thôn Tranh Khúc",
        bank_bin="970405",
        account_number="1500205123456",
    ),
    DemoApplication(
        name="Miến dong Bình Liêu",
        province_code=22,
        ward="Xã Bình Liêu",
        owner=Person(name="Hoàng Thị Mai", phone="0912000202"),
        story="Miến làm từ củ dong riềng trồng trên nương, phơi nắng, không chất tẩy trắng.",
        union_chapter="Chi hội Phụ nữ bản Sông Moóc",
        bank_bin="970418",
        account_number="3210000456789",
    ),
    DemoApplication(
        name="Bánh pía Sóc Trăng Cô Út",
        province_code=92,
        ward="Phường Sóc Trăng",
        owner=Person(name="Trần Ngọc Út", phone="0912000203"),
        story="Bánh pía nhân đậu xanh sầu riêng trứng muối, làm tay.",
        union_chapter="Chi hội Phụ nữ khóm 5",
        bank_bin="970422",
        account_number="0601234567890",
        mentor_request="Hồ sơ gần đủ rồi, chị bổ sung giúp hai điểm dưới đây rồi gửi lại nhé.",
        field_comments=(
            ("story", "Chị kể thêm bánh làm ở đâu, mỗi ngày làm bao nhiêu bánh, giữ được bao lâu."),
            ("logo", "Ảnh hơi tối, chị chụp lại ở chỗ sáng giúp em."),
        ),
    ),
)
