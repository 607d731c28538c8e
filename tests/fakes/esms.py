"""A local eSMS.vn: SendMultipleMessage_V4_post_json as developers.esms.vn documents it.

It refuses (with eSMS's own codes) what the real gateway refuses, and fails the test for what our
code promises and must not break: an unaccented message that is not plain GSM text or longer than
one 160-character SMS, an accented one longer than two joined parts (2 × 67), and a RequestId seen
before.
"""

import json
import re
import uuid

from . import LocalService, QuietHandler

PATH = "/MainService.svc/json/SendMultipleMessage_V4_post_json/"
FIELDS = {
    "ApiKey",
    "SecretKey",
    "Phone",
    "Content",
    "Brandname",
    "SmsType",
    "IsUnicode",
    "Sandbox",
    "RequestId",
}
GSM_7 = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
API_KEY, SECRET_KEY, BRANDNAME = "test-api-key", "test-secret-key", "CHOSEN"


class _Handler(QuietHandler):
    def do_POST(self):
        service: FakeEsms = self.server.service
        body = self.body()
        if service.http_status != 200:
            self.send_response(service.http_status)
            self.end_headers()
            return
        answer = service.check(self.path, self.headers.get("Content-Type", ""), body)
        content = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)


class FakeEsms(LocalService):
    def __init__(self):
        super().__init__(_Handler)
        self.messages: list[dict] = []  # accepted
        self.problems: list[str] = []  # what our code must never send
        self.code = "100"  # what it answers to a well-formed message
        self.http_status = 200

    @property
    def url(self) -> str:
        return self.origin + PATH

    def check(self, path: str, content_type: str, body: bytes) -> dict:
        problems = []
        if path != PATH:
            problems.append(f"path {path}")
        if not content_type.startswith("application/json"):
            problems.append(f"content type {content_type}")
        message = json.loads(body)
        if set(message) != FIELDS:
            problems.append(f"fields {sorted(set(message) ^ FIELDS)}")
        if not all(isinstance(value, str) for value in message.values()):
            problems.append("every value is a string")
        if not re.fullmatch(r"0\d{9}", message.get("Phone", "")):
            problems.append(f"phone {message.get('Phone')}")
        if message.get("SmsType") != "2" or message.get("IsUnicode") not in ("0", "1"):
            problems.append("SmsType 2, IsUnicode 0 or 1")
        text = message.get("Content", "")
        if message.get("IsUnicode") == "0" and (set(text) - GSM_7 or len(text) > 160):
            problems.append(f"unaccented message of {len(text)} characters, {sorted(set(text) - GSM_7)}")
        if message.get("IsUnicode") == "1" and len(text) > 2 * 67:
            problems.append(f"accented message of {len(text)} characters")
        if any(seen["RequestId"] == message.get("RequestId") for seen in self.messages):
            problems.append(f"RequestId {message.get('RequestId')} sent twice")
        self.problems += problems
        if (message.get("ApiKey"), message.get("SecretKey")) != (API_KEY, SECRET_KEY):
            return {"CodeResult": "101", "ErrorMessage": "Authorize Failed"}
        if message.get("Brandname") != BRANDNAME:
            return {"CodeResult": "104", "ErrorMessage": "Brandname không tồn tại"}
        if problems:
            return {"CodeResult": "99", "ErrorMessage": "; ".join(problems)}
        if self.code != "100":
            return {"CodeResult": self.code, "ErrorMessage": "refused"}
        self.messages.append(message)
        return {"CodeResult": "100", "CountRegenerate": 0, "SMSID": str(uuid.uuid4())}


def configure(settings, gateway: FakeEsms) -> None:
    settings.SMS_GATEWAY = "esms"
    settings.ESMS_API_URL = gateway.url
    settings.ESMS_API_KEY, settings.ESMS_SECRET_KEY, settings.ESMS_BRANDNAME = API_KEY, SECRET_KEY, BRANDNAME
