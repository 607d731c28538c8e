"""Payment references: what a buyer types (or her bank app copies) as the transfer memo.

Short, upper-case, without look-alike characters (no 0/O, 1/I/L, 2/Z, 5/S, 8/B), with a check
character, so that a reference is still found when a bank upper-cases the memo, adds or drops
spaces and punctuation, or wraps it in its own text ("MBVCB.123.CSK7RMQ4X.CT tu ...").
"""

import re
import secrets

from marketplace.text import strip_diacritics

PREFIX = "CS"  # a buyer's payment, and the refunds of it
PAYOUT_PREFIX = "CP"  # money paid out to a shop
ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
BODY_LENGTH = 7  # 25**7 ≈ 6 billion references; uniqueness is still checked by the database
REFERENCE_LENGTH = len(PREFIX) + BODY_LENGTH + 1
# Weights prime to 25, so that every single wrong character changes the sum modulo 25.
_WEIGHTS = [weight for weight in range(1, 3 * BODY_LENGTH) if weight % 5][:BODY_LENGTH]


def _check_character(body: str) -> str:
    """A weighted sum modulo 25: catches any single wrong character and adjacent swaps."""
    total = sum(weight * ALPHABET.index(char) for weight, char in zip(_WEIGHTS, body, strict=True))
    return ALPHABET[total % len(ALPHABET)]


def new_reference(prefix: str = PREFIX) -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(BODY_LENGTH))
    return prefix + body + _check_character(body)


def is_reference(text: str, prefix: str = PREFIX) -> bool:
    return (
        len(text) == REFERENCE_LENGTH
        and text.startswith(prefix)
        and all(char in ALPHABET for char in text[len(prefix) :])
        and _check_character(text[len(prefix) : -1]) == text[-1]
    )


def references_in(memo: str, prefix: str = PREFIX) -> list[str]:
    """Every well-formed reference in a bank memo, in order, however the bank mangled it."""
    squeezed = re.sub(r"[^A-Z0-9]", "", strip_diacritics(memo or "").upper())
    found = []
    for match in re.finditer(f"(?={prefix}([{ALPHABET}]{{{BODY_LENGTH + 1}}}))", squeezed):
        reference = prefix + match.group(1)
        if is_reference(reference, prefix) and reference not in found:
            found.append(reference)
    return found
