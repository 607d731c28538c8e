"""eSMS.vn (VIHAT), a Vietnamese SMS gateway that publishes its API: developers.esms.vn,
"SendMultipleMessage_V4_post_json".

One POST of JSON per message: ApiKey, SecretKey, Phone, Content, Brandname (the registered sender
name), SmsType "2" (customer care, sent under the brand name), IsUnicode "0"/"1", Sandbox "0"/"1",
and RequestId: eSMS accepts a RequestId once, so a retry of ours cannot send the message twice. It
answers {"CodeResult": "100", "SMSID": "..."} when it takes the message; any other CodeResult is a
refusal (101 wrong keys, 103 balance too low, 104 brand name not registered, ...).
"""

import logging

import requests
from django.conf import settings

from . import SmsMessage, SmsResult

logger = logging.getLogger(__name__)

ACCEPTED = "100"
# Refusals that may pass later (99: unknown error on their side, 103: our balance ran out).
WORTH_RETRYING = {"99", "103"}
TIMEOUT_SECONDS = 10


def local_number(phone: str) -> str:
    """eSMS takes Vietnamese numbers as 0xxxxxxxxx."""
    return "0" + phone.removeprefix("+84") if phone.startswith("+84") else phone


def send(message: SmsMessage) -> SmsResult:
    payload = {
        "ApiKey": settings.ESMS_API_KEY,
        "SecretKey": settings.ESMS_SECRET_KEY,
        "Phone": local_number(message.phone),
        "Content": message.text,
        "Brandname": settings.ESMS_BRANDNAME,
        "SmsType": "2",
        "IsUnicode": "1" if message.unicode else "0",
        "Sandbox": "1" if settings.ESMS_SANDBOX else "0",
        "RequestId": message.request_id,
    }
    try:
        response = requests.post(settings.ESMS_API_URL, json=payload, timeout=TIMEOUT_SECONDS)
        response.raise_for_status()
        answer = response.json()
    except (requests.RequestException, ValueError) as error:
        # The keys are in the body, never in the URL: the error names only the host and status.
        logger.warning("eSMS did not answer: %s", type(error).__name__)
        return SmsResult(accepted=False, reference=f"eSMS: {type(error).__name__}", retry=True)
    code = str(answer.get("CodeResult", ""))
    if code == ACCEPTED:
        return SmsResult(accepted=True, reference=str(answer.get("SMSID", "")))
    error = str(answer.get("ErrorMessage", ""))[:200]
    return SmsResult(accepted=False, reference=f"eSMS {code}: {error}".strip(), retry=code in WORTH_RETRYING)
