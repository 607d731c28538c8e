"""Banks on the NAPAS 247 network, by the names people know them by, with their BIN.

No maintained package on PyPI carries this list, so it is kept here; BINs from NAPAS/VietQR.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Bank:
    bin: str
    short_name: str
    name: str


BANKS = (
    Bank("970436", "Vietcombank", "Ngân hàng TMCP Ngoại thương Việt Nam"),
    Bank("970415", "VietinBank", "Ngân hàng TMCP Công thương Việt Nam"),
    Bank("970418", "BIDV", "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam"),
    Bank("970405", "Agribank", "Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam"),
    Bank("970407", "Techcombank", "Ngân hàng TMCP Kỹ thương Việt Nam"),
    Bank("970422", "MB", "Ngân hàng TMCP Quân đội"),
    Bank("970416", "ACB", "Ngân hàng TMCP Á Châu"),
    Bank("970432", "VPBank", "Ngân hàng TMCP Việt Nam Thịnh Vượng"),
    Bank("970423", "TPBank", "Ngân hàng TMCP Tiên Phong"),
    Bank("970403", "Sacombank", "Ngân hàng TMCP Sài Gòn Thương Tín"),
    Bank("970437", "HDBank", "Ngân hàng TMCP Phát triển TP. Hồ Chí Minh"),
    Bank("970441", "VIB", "Ngân hàng TMCP Quốc tế Việt Nam"),
    Bank("970443", "SHB", "Ngân hàng TMCP Sài Gòn – Hà Nội"),
    Bank("970440", "SeABank", "Ngân hàng TMCP Đông Nam Á"),
    Bank("970426", "MSB", "Ngân hàng TMCP Hàng Hải Việt Nam"),
    Bank("970448", "OCB", "Ngân hàng TMCP Phương Đông"),
    Bank("970449", "LPBank", "Ngân hàng TMCP Lộc Phát Việt Nam"),
    Bank("970431", "Eximbank", "Ngân hàng TMCP Xuất Nhập khẩu Việt Nam"),
    Bank("970428", "Nam A Bank", "Ngân hàng TMCP Nam Á"),
    Bank("970409", "Bac A Bank", "Ngân hàng TMCP Bắc Á"),
    Bank("970425", "ABBANK", "Ngân hàng TMCP An Bình"),
    Bank("970452", "KienlongBank", "Ngân hàng TMCP Kiên Long"),
    Bank("970412", "PVcomBank", "Ngân hàng TMCP Đại Chúng Việt Nam"),
    Bank("970419", "NCB", "Ngân hàng TMCP Quốc Dân"),
    Bank("970454", "BVBank", "Ngân hàng TMCP Bản Việt"),
    Bank("970427", "VietABank", "Ngân hàng TMCP Việt Á"),
    Bank("970438", "BaoViet Bank", "Ngân hàng TMCP Bảo Việt"),
    Bank("970400", "Saigonbank", "Ngân hàng TMCP Sài Gòn Công Thương"),
    Bank("970430", "PGBank", "Ngân hàng TMCP Thịnh vượng và Phát triển"),
    Bank("970433", "Vietbank", "Ngân hàng TMCP Việt Nam Thương Tín"),
    Bank("970446", "Co-opBank", "Ngân hàng Hợp tác xã Việt Nam"),
    Bank("970424", "Shinhan Bank", "Ngân hàng TNHH MTV Shinhan Việt Nam"),
)
BY_BIN = {bank.bin: bank for bank in BANKS}


def bank_choices() -> list[tuple[str, str]]:
    return [
        (bank.bin, f"{bank.short_name} – {bank.name}")
        for bank in sorted(BANKS, key=lambda b: b.short_name.lower())
    ]


def bank_name(bin_code: str) -> str:
    bank = BY_BIN.get(bin_code)
    return bank.short_name if bank else ""
