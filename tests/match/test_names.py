"""Person names across scripts and transliterations: tokens, skeletons, comparison."""

from __future__ import annotations

import pytest

from mare.match.names import compare, keys, skeletons, tokens


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Muhammad Abd al-Rahman", ("muhammad", "abdrahman")),
        ("Mohamed Abdel Rahman", ("mohamed", "abdrahman")),
        ("Mohamed Abdelrahman", ("mohamed", "abdrahman")),
        ("Abdul Latif bin Omar", ("abdlatif", "omar")),
        ("Yusuf al-Masri", ("yusuf", "masri")),
        ("Youssef El Masry", ("youssef", "masry")),
        ("Fatima bint Ali", ("fatima", "ali")),
    ],
)
def test_tokens(name: str, expected: tuple[str, ...]) -> None:
    assert tokens(name) == expected


# The same name written natively and in Latin variants shares its skeleton.
SAME_SKELETON = [
    [
        "محمد عبد الرحمن",
        "Muhammad Abd al-Rahman",
        "Mohamed Abdelrahman",
        "Mohammed Abdul Rahman",
        "Мухаммед Абдулрахман",
    ],
    ["حسين", "Hussein", "Husayn", "Hossein", "Hussain"],
    ["ዮሃንስ ተስፋይ", "Yohannes Tesfay", "Yohanes Tesfai"],
    ["Юсуф Аль-Масри", "Yusuf al-Masri", "Youssef El Masry"],
    ["محمد بن علي", "Mohammed bin Ali", "Mohamed Ben Ali"],
    ["Khaled", "Khalid", "Khaleed"],
]


@pytest.mark.parametrize("group", SAME_SKELETON)
def test_variants_share_skeletons(group: list[str]) -> None:
    first = sorted(skeletons(group[0]))
    for variant in group[1:]:
        assert sorted(skeletons(variant)) == first, variant
        assert keys(variant) == keys(group[0])


@pytest.mark.parametrize(
    ("left", "right", "low", "high"),
    [
        ("محمد عبد الرحمن", "Mohamed Abdelrahman", 0.99, 1.0),
        ("Abdurrahman Mohammed", "Mohamed Abdelrahman", 0.99, 1.0),  # order swapped
        ("Mohamed Ali Abdelrahman", "Mohamed Abdelrahman", 0.85, 0.99),  # missing middle name
        ("Mohamed Abdelrahmen", "Mohamed Abdelrahman", 0.99, 1.0),  # vowel typo
        ("Mohamed Abdelrahman", "Mohamed Abdelaziz", 0.0, 0.75),  # different family name
        ("Mohamed Abdelrahman", "Karim Haddad", 0.0, 0.3),
        ("Isabe Lla Waller", "Isabella Waller", 0.85, 1.0),  # a name split in two
        ("Adamx Craze", "Adam Craze", 0.9, 1.0),  # typo that changes a consonant
        ("Natalia Langrerh", "Natalia Langrehr", 0.9, 1.0),  # transposed letters
        ("", "Mohamed", 0.0, 0.0),
        ("ئاراس سۆرانی", "Aras Sorani", 0.99, 1.0),  # Sorani: the vowel carrier is silent
        ("Haj Brahim Alaoui", "Brahim Alaoui", 0.99, 1.0),  # an honorific is no name
        ("Amro Al-Ahmad", "Amr Alahmad", 0.99, 1.0),  # the silent waw of عمرو
        ("عمرو موسى", "Amr Moussa", 0.99, 1.0),
        ("عمر موسى", "Amr Moussa", 0.0, 0.6),  # عمر is Omar, not Amr
        ("Omar Moussa", "Amro Moussa", 0.0, 0.6),
    ],
)
def test_compare(left: str, right: str, low: float, high: float) -> None:
    score = compare(left, right)
    assert low <= score <= high
    assert compare(right, left) == pytest.approx(score)


def test_persian_names_read_the_persian_way() -> None:
    # ض in a Persian name is z: رضایی is Rezaei
    assert compare("احمد رضایی", "Ahmad Rezaei") == 1.0
    assert compare("ذبیح‌الله", "Zabihullah") >= 0.9


def _align(left: str, right: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[str]]:
    from mare.match.names import align

    found = align(left, right)
    return (
        [(p.left, p.right) for p in found.agree],
        [(p.left, p.right) for p in found.conflict],
        list(found.extra),
    )


@pytest.mark.parametrize(
    ("left", "right", "agree", "conflict", "extra"),
    [
        # a father's name one partner left out: extra, not a conflict
        (
            "Mohamed Ahmed Alkhatib",
            "محمد الخطيب",
            [("mohamed", "محمد"), ("alkhatib", "الخطيب")],
            [],
            ["ahmed"],
        ),
        # another father (a cousin): a conflict
        (
            "Abdulrahman Mahmoud Al-Hamwi",
            "Abdulrahman Mohammad Al-Hamwi",
            [("abdrahman", "abdrahman"), ("hamwi", "hamwi")],
            [("mahmoud", "mohammad")],
            [],
        ),
        # order swapped
        (
            "El Khatib Mohamed",
            "Mohammad Al-Khatib",
            [("khatib", "khatib"), ("mohamed", "mohammad")],
            [],
            [],
        ),
        # two tokens that are one
        (
            "Mohamad Reza Ahmad Zadeh",
            "محمدرضا احمدزاده",
            [("mohamad reza", "محمدرضا"), ("ahmad zadeh", "احمدزاده")],
            [],
            [],
        ),
        ("Abu Zaid", "Abuzeid", [("abu zaid", "abuzeid")], [], []),
        # a name without its -ullah, as it is used day to day
        ("Najibullah Wali", "نجیب", [("najibulla", "نجیب")], [], ["wali"]),
        ("Habib Ullah Khan", "Habib Khan", [("habibulla", "habib"), ("khan", "khan")], [], []),
        # ...but Najibullah is not Nasib
        ("Najibullah", "Nasib", [], [("najibulla", "nasib")], []),
    ],
)
def test_align(
    left: str,
    right: str,
    agree: list[tuple[str, str]],
    conflict: list[tuple[str, str]],
    extra: list[str],
) -> None:
    found = _align(left, right)
    assert sorted(found[0]) == sorted(agree)
    assert found[1] == conflict
    assert found[2] == extra


def test_father_and_son_stand_in_another_order() -> None:
    from mare.match.names import align

    assert align("Abbas Fadhil Al-Tamimi", "Fadhil Abbas Al-Tamimi").reordered
    assert not align("Abbas Fadhil Al-Tamimi", "Al-Tamimi Abbas Fadhil").reordered  # family first
    assert not align("Hassan Hussein", "Hussein Hassan").reordered  # two tokens: either order


def test_detail_reads_like_the_alignment() -> None:
    from mare.match.names import align

    detail = align("Mohamed Ahmed Alkhatib", "Muhammad Hassan Al-Khatib").detail()
    assert "mohamed=muhammad" in detail and "ahmed≠hassan" in detail


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Abu Mahmoud", ("abu'mahmoud",)),
        ("أبو محمود", ("abu'mhmwd",)),
        ("Umm Ali", ("umm'ali",)),
        ("Hajji Omar Khan", ("omar", "khan")),  # an honorific
        ("Haj Brahim", ("brahim",)),
        ("El Hadj Omar", ("omar",)),  # the honorific after its article
        ("الحاج محمد", ("mhmd",)),
        ("Mohamed El Hadj", ("mohamed", "hadj")),  # at the end it is a family name
        ("Al Hajj", ("hajj",)),  # a name of one word keeps it
        ("Captain Jelena", ("jelena",)),  # a title (rigour's person prefixes)
        ("Kaptan Mehmet", ("mehmet",)),  # and in Turkish
        ("Kak Azad", ("azad",)),  # Kurdish: brother, mister
        ("کاک ئازاد", ("azad",)),
    ],
)
def test_by_names_and_honorifics(name: str, expected: tuple[str, ...]) -> None:
    assert tokens(name) == expected


def test_a_by_name_neither_agrees_nor_conflicts() -> None:
    from mare.match.names import align

    found = align("Abu Mahmoud", "Usama Al-Hassan")
    assert not found.agree and not found.conflict


@pytest.mark.parametrize("bare", ["Abdul", "Abdel", "Abd", "عبد"])
def test_abd_alone_is_like_an_initial(bare: str) -> None:
    from mare.match.names import Level, align

    found = align("Abdul Kadir Popal", bare)
    assert not found.agree
    assert [p.level for p in found.conflict] == [Level.INITIAL]
    # but two Abd- names with other tails still conflict
    other = align("Abdul Kadir", "Abdul Karim")
    assert [p.level for p in other.conflict] == [Level.DIFFERENT]
