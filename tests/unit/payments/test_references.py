"""Payment references are short and unambiguous, and are found in memos however banks mangle them."""

import pytest

from payments.references import ALPHABET, REFERENCE_LENGTH, is_reference, new_reference, references_in


def test_references_are_short_upper_case_and_free_of_look_alikes():
    references = {new_reference() for _ in range(2000)}

    assert len(references) == 2000
    for reference in references:
        assert len(reference) == REFERENCE_LENGTH == 10
        assert reference.startswith("CS") and reference.isupper()
        assert not set(reference[2:]) & set("0O1IL2Z5S8B")
        assert is_reference(reference)


@pytest.mark.parametrize("attempt", range(20))
def test_a_single_wrong_character_or_an_adjacent_swap_is_caught_by_the_check_character(attempt):
    reference = new_reference()
    for position in range(2, REFERENCE_LENGTH - 2):
        pair = reference[position : position + 2]
        swapped = reference[:position] + pair[::-1] + reference[position + 2 :]
        assert swapped == reference or not is_reference(swapped), swapped
    for position in range(2, REFERENCE_LENGTH):
        for char in ALPHABET:
            if char != reference[position]:
                typo = reference[:position] + char + reference[position + 1 :]
                assert not is_reference(typo), typo


@pytest.mark.parametrize(
    "memo",
    [
        "{ref}",
        "{lower}",
        "MBVCB.3305912.{ref}.CT tu 0011001234567 NGUYEN THI LAN toi 123456789",
        "thanh toan {spaced}",
        "IBFT {dashed} chuyen tien",
        "Chuyển khoản đơn hàng:{ref}, cảm ơn",
    ],
)
def test_the_reference_is_found_whatever_the_bank_did_to_the_memo(memo):
    reference = new_reference()
    text = memo.format(
        ref=reference,
        lower=reference.lower(),
        spaced=" ".join([reference[:4], reference[4:7], reference[7:]]),
        dashed="-".join(reference),
    )

    assert references_in(text) == [reference]


def test_memos_without_a_reference_find_nothing():
    assert references_in("") == []
    assert references_in(None) == []
    assert references_in("Chuyen tien mua mat ong CS 123") == []
    almost = new_reference()[:-1]
    assert references_in(f"{almost} 000") == []  # a reference cut short is not found


def test_two_references_in_one_memo_are_both_found_in_order():
    first, second = new_reference(), new_reference()

    assert references_in(f"{first} va {second}") == [first, second]
