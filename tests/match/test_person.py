"""The person matcher: every feature, and reasons that say what was compared."""

from __future__ import annotations

import pytest

from mare.match.person import PersonRecord, score

BASE = PersonRecord(
    "a",
    names=("محمد عبد الرحمن",),
    birth_dates=("1987-05-12",),
    nationalities=("eg",),
    genders=("male",),
)


def _other(**values: object) -> PersonRecord:
    data: dict[str, object] = {
        "id": "b",
        "names": ("Mohamed Abdelrahman",),
        "birth_dates": ("1987-05-12",),
        "nationalities": ("eg",),
        "genders": ("male",),
    }
    data.update(values)
    return PersonRecord(**data)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("other", "low", "high"),
    [
        (_other(), 0.95, 1.0),  # same person across scripts
        (_other(birth_dates=("1987",)), 0.8, 1.0),  # partial date
        (_other(birth_dates=("1987-12-05",)), 0.7, 1.0),  # day and month swapped
        (_other(birth_dates=("1991-02-03",)), 0.0, 0.2),  # same name, other person
        (_other(names=("Karim Haddad",)), 0.0, 0.45),  # another name, same birth date
        (_other(names=("Karim Haddad",), birth_dates=("1991-02-03",)), 0.0, 0.01),
        (_other(birth_dates=(), nationalities=()), 0.1, 0.5),  # a common name alone: review
        (
            _other(names=("Karim Haddad",), birth_dates=(), keys=frozenset({"document:eg:A1"})),
            0.0,
            0.99,
        ),
    ],
)
def test_scores(other: PersonRecord, low: float, high: float) -> None:
    result = score(BASE, other)
    assert low <= result.score <= high


def test_contradictions_lower_the_score() -> None:
    base = score(BASE, _other()).score
    assert score(BASE, _other(genders=("female",))).score < base
    assert score(BASE, _other(nationalities=("ly",))).score < base
    assert score(BASE, _other(birth_dates=())).score < base


def test_a_shared_document_outweighs_a_missing_name() -> None:
    left = PersonRecord("a", keys=frozenset({"document:eg:A12345678"}))
    right = PersonRecord("b", keys=frozenset({"document:eg:A12345678", "phone:+1"}))
    result = score(left, right)
    assert result.score > 0.9
    assert result.reasons[0].feature == "identifier:document"


def test_reasons_name_the_values_compared_and_add_up() -> None:
    import math

    other = _other(names=("Muhammad Abd al-Rahman", "Karim Haddad"), birth_dates=("1987",))
    result = score(BASE, other)
    by_feature = {r.feature: r for r in result.reasons}
    assert set(by_feature) == {"name", "birth_date", "nationality"}
    assert (by_feature["name"].left, by_feature["name"].right) == (
        "محمد عبد الرحمن",
        "Muhammad Abd al-Rahman",
    )
    assert (by_feature["birth_date"].left, by_feature["birth_date"].right) == ("1987-05-12", "1987")
    from mare.match.person import prior
    from mare.match.rarity import DEFAULT

    logit = prior(DEFAULT) + sum(r.contribution for r in result.reasons)
    assert result.score == pytest.approx(1 / (1 + math.exp(-logit)))
    assert all(
        abs(a.contribution) >= abs(b.contribution)
        for a, b in zip(result.reasons, result.reasons[1:], strict=False)
    )


def test_rare_names_weigh_more_than_common_ones() -> None:
    from mare.match.person import NameRarity

    held = [PersonRecord(f"c{i}", names=(f"Mohamed Ali{'x' * (i % 7)}",)) for i in range(900)]
    held += [PersonRecord(f"r{i}", names=(f"Person{i} Family{i}",)) for i in range(200)]
    held += [PersonRecord("rare", names=("Teegan Gaskin",))]
    rarity = NameRarity(held)
    common = score(
        PersonRecord("a", names=("Mohamed Ali",)), PersonRecord("b", names=("Mohamed Ali",)), rarity
    )
    rare = score(
        PersonRecord("a", names=("Teegan Gaskin",)),
        PersonRecord("b", names=("Teegan Gaskin",)),
        rarity,
    )
    assert rare.score > common.score
    # A small store cannot say a name is rare: its shares lean to the prior.
    few = NameRarity(held[-3:])
    assert few.token_u("t:teegan") > NameRarity(held).token_u("t:teegan")
    # ...and Mohamed is common whatever the store counts.
    assert few.token_u("t:mohamed") >= 0.1


def test_address_feature() -> None:
    here = PersonRecord("a", names=("Tarek Ben Salah",), addresses=("12 Rue de Marseille, Tunis",))
    same = PersonRecord("b", names=("Tarek Salah",), addresses=("rue de marseille 12 tunis",))
    moved = PersonRecord("c", names=("Tarek Salah",), addresses=("Via Roma 5, Palermo",))
    first = {r.feature: r for r in score(here, same).reasons}["address"]
    assert first.contribution > 5 and first.right == "rue de marseille 12 tunis"
    second = {r.feature: r for r in score(here, moved).reasons}["address"]
    assert -2 < second.contribution < 0  # people move: weak evidence against
    assert "address" not in {r.feature for r in score(here, PersonRecord("d")).reasons}


KHATIB = PersonRecord(
    "a",
    names=("محمد أحمد الخطيب",),
    birth_dates=("1988-03-11",),
    nationalities=("sy",),
    genders=("male",),
)


@pytest.mark.parametrize(
    ("other", "band"),
    [
        # the same man, written by two other partners
        (PersonRecord("b", names=("Mohamed Alkhatib",), birth_dates=("1988",)), "match"),
        (
            PersonRecord(
                "b",
                names=("El Khatib Mohamed Ahmed",),
                birth_dates=("1988-11-03",),
                nationalities=("sy",),
            ),
            "match",
        ),
        # his brother: same father and family, another given name and birth date
        (
            PersonRecord(
                "b",
                names=("Khaled Ahmad Al-Khatib",),
                birth_dates=("1991-09-20",),
                nationalities=("sy",),
            ),
            None,
        ),
        # a namesake born nine years earlier
        (
            PersonRecord(
                "b",
                names=("Mohammed Ahmed Al Khatib",),
                birth_dates=("1979-06-02",),
                nationalities=("sy",),
            ),
            "review",
        ),
    ],
)
def test_one_man_his_brother_and_a_namesake(other: PersonRecord, band: str | None) -> None:
    from mare.match.families import PERSON

    result = score(KHATIB, other)
    assert PERSON.band(result) == band
    name = {r.feature: r for r in result.reasons}["name"]
    assert name.detail  # the token alignment is shown


@pytest.mark.parametrize(
    ("holder", "saved"),
    [
        ("Usama Al-Hassan", "أبو محمود"),  # a kunya: no evidence against a name
        ("ABDUL KADIR POPAL", "Abdul"),  # Abd alone: like an initial
        ("Hassan Asad Dilschad", "Azaad"),  # one word against a full name: a label
    ],
)
def test_a_contact_saved_under_a_short_name_is_the_phone_holder(holder: str, saved: str) -> None:
    from mare.match.families import PERSON

    phone = frozenset({"phone:+393518770816"})
    held = PersonRecord("a", names=(holder,), birth_dates=("1963-10-10",), keys=phone)
    result = score(held, PersonRecord("b", names=(saved,), keys=phone))
    assert PERSON.band(result) == "match"
    name = {r.feature: r for r in result.reasons}["name"]
    assert name.contribution > -2  # not "another identity" (`Family.contradicted`)


def test_one_phone_under_two_identities_is_a_link() -> None:
    from mare.match.families import PERSON

    one = PersonRecord(
        "a", names=("Karim Nasser",), birth_dates=("1990-01-01",), keys=frozenset({"phone:+1"})
    )
    two = PersonRecord(
        "b", names=("Yusuf Ahmadi",), birth_dates=("1971-06-30",), keys=frozenset({"phone:+1"})
    )
    assert PERSON.band(score(one, two)) == "link"


@pytest.mark.parametrize(
    ("left_keys", "right_keys", "band", "more"),
    [
        # a contact with both numbers of the person: a handed-on phone explains one
        ({"phone:+4915512817931", "phone:+4917828214688"}, None, "match", 1),
        # a phone and a passport
        ({"phone:+4915512817931", "document:dz:123456789"}, None, "match", 1),
        # one passport keyed with and without its country is one document
        ({"document:dz:123456789", "docnum:123456789"}, None, "link", 0),
        # one number shared, the other not
        ({"phone:+4915512817931", "phone:+4917828214688"}, {"phone:+4915512817931"}, "link", 0),
    ],
)
def test_a_second_shared_identifier_outweighs_another_name(
    left_keys: set[str], right_keys: set[str] | None, band: str, more: int
) -> None:
    from mare.match.families import PERSON

    held = PersonRecord(
        "a",
        names=("Osman Terhuni",),
        birth_dates=("1982-10-01",),
        nationalities=("dz",),
        keys=frozenset(left_keys),
    )
    # a slip in the given name and another family name: another identity on
    # one shared identifier
    contact = PersonRecord(
        "b", names=("Osmna Thessaloniki",), keys=frozenset(right_keys or left_keys)
    )
    result = score(held, contact)
    assert PERSON.band(result) == band
    extra = [r for r in result.reasons if r.feature == "more_identifiers"]
    assert len(extra) == more
    if more:
        assert extra[0].contribution > 0 and "more shared" in extra[0].detail
        first = next(r.left for r in result.reasons if r.feature.startswith("identifier:"))
        assert extra[0].left == ", ".join(sorted(left_keys - {first}))  # what else is shared


def test_a_whole_name_many_hold_is_worth_less() -> None:
    from mare.match.person import NameRarity

    namesakes = [PersonRecord(f"n{i}", names=("Marian Popescu",)) for i in range(40)]
    others = [
        PersonRecord(f"o{i}", names=(f"Marian Other{i}", f"Ion Popescu{i}")) for i in range(5000)
    ]
    crowded = NameRarity([*namesakes, *others])
    alone = NameRarity([*namesakes[:2], *others])
    left, right = namesakes[0], namesakes[1]
    assert score(left, right, crowded).score < score(left, right, alone).score


@pytest.mark.parametrize(
    ("other", "band", "bent"),
    [
        # a rare name and a nationality, nothing else: a namesake is as likely
        (PersonRecord("b", names=("Teegan Gaskin",), nationalities=("gb",)), "review", True),
        # the same name and birth day: corroborated
        (
            PersonRecord("b", names=("Teegan Gaskin",), birth_dates=("1990-04-17",)),
            "match",
            False,
        ),
        # the same name and the same phone: corroborated
        (PersonRecord("b", names=("Teegan Gaskin",), keys=frozenset({"phone:+1"})), "match", False),
        # the same name and the same address: corroborated
        (
            PersonRecord("b", names=("Teegan Gaskin",), addresses=("12 Mill Lane Leeds",)),
            "match",
            False,
        ),
        # the same name, the same year and month but another day: weighed, not corroborating
        (PersonRecord("b", names=("Teegan Gaskin",), birth_dates=("1990-04-02",)), "review", True),
        # the same name and another birth date: nothing corroborates
        (PersonRecord("b", names=("Teegan Gaskin",), birth_dates=("1971-09-02",)), None, True),
    ],
)
def test_a_name_alone_is_at_most_for_review(
    other: PersonRecord, band: str | None, bent: bool
) -> None:
    import math

    from mare.match.families import PERSON
    from mare.match.person import UNCORROBORATED, prior
    from mare.match.rarity import DEFAULT

    here = PersonRecord(
        "a",
        names=("Teegan Gaskin",),
        birth_dates=("1990-04-17",),
        nationalities=("gb",),
        keys=frozenset({"phone:+1"}),
        addresses=("12 Mill Lane, Leeds",),
    )
    result = score(here, other)
    assert PERSON.band(result) == band
    by_feature = {r.feature: r for r in result.reasons}
    assert ("uncorroborated" in by_feature) is bent
    if bent:
        assert by_feature["uncorroborated"].contribution <= 0
        assert result.score < UNCORROBORATED
    # the bend is a reason like any other: the reasons still add up
    logit = prior(DEFAULT) + sum(r.contribution for r in result.reasons)
    assert result.score == pytest.approx(1 / (1 + math.exp(-logit)))


def test_the_bend_keeps_the_order_of_name_only_pairs() -> None:
    here = PersonRecord("a", names=("Teegan Gaskin Rowe",))
    whole = score(here, PersonRecord("b", names=("Teegan Gaskin Rowe",))).score
    part = score(here, PersonRecord("c", names=("Teegan Gaskin",))).score
    typo = score(here, PersonRecord("d", names=("Teegan Gaskim",))).score
    assert whole > part > typo


def test_relatives_agree_on_what_a_family_shares() -> None:
    """Brothers with one grandfather's and family name and another given name
    score below the same man written with his year of birth only."""
    man = PersonRecord(
        "a", names=("Ghulam Sakhi Hotak",), birth_dates=("1991-01-01",), nationalities=("af",)
    )
    brother = PersonRecord(
        "b", names=("Ghulam Sarwar Hotak",), birth_dates=("1991-01-01",), nationalities=("af",)
    )
    himself = PersonRecord("c", names=("Gholam Sakhi Hotak",), birth_dates=("1991",))
    relatives = score(man, brother)
    assert relatives.score < 0.5
    assert relatives.score < score(man, himself).score
    detail = {r.feature: r for r in relatives.reasons}["name"].detail
    assert "sakhi≠sarwar" in detail


def test_a_mistyped_token_agrees_on_less_than_the_whole_name() -> None:
    from mare.match import names
    from mare.match.person import NameRarity, _whole

    held = [PersonRecord(f"y{i}", names=("Yordanos Mebrahtu",)) for i in range(3)]
    others = [PersonRecord(f"o{i}", names=(f"Other{i} Name",)) for i in range(500)]
    rarity = NameRarity([*held, *others])
    exact = names.align("Yordanos Mebrahtu", "Yordanos Mebrahtu")
    typo = names.align("Yordanos Mebrahtu", "Yordanos Mebrahtom")
    assert [p.level for p in typo.agree][-1] is names.Level.TYPO
    bound = _whole(exact, "Yordanos Mebrahtu", "Yordanos Mebrahtu", rarity)
    lower = _whole(typo, "Yordanos Mebrahtu", "Yordanos Mebrahtom", rarity)
    assert bound is not None and lower is not None
    assert lower < bound


def test_a_label_needs_the_shared_number() -> None:
    """A two-word name with another given name and the holder's number is
    another identity; a one-word label with nothing shared is no hit."""
    from mare.match.families import PERSON

    phone = frozenset({"phone:+905477887212"})
    holder = PersonRecord(
        "a", names=("Hassan Asad Dilschad",), birth_dates=("1963-07-01",), keys=phone
    )
    other = PersonRecord("c", names=("Yusuf Ahmadi",), keys=phone)
    assert PERSON.band(score(holder, other)) == "link"
    assert PERSON.band(score(holder, PersonRecord("d", names=("Azaad",)))) is None


def test_a_short_form_of_ones_own_name_does_not_hide_a_conflict() -> None:
    """Beside "Aisha Alkurdi", the alias "Haj Aisha" is no name of its own: the
    pair is compared on the full name, whose family name is another."""
    from mare.match.person import fullest, name
    from mare.match.rarity import DEFAULT

    assert fullest(("AISHA ALKURDI", "Haj Aisha")) == ("AISHA ALKURDI",)
    assert fullest(("Hicham El Fassi", "Haj Hisham")) == ("Hicham El Fassi",)  # a variant
    assert fullest(("Aisha", "Fatima")) == ("Aisha", "Fatima")  # neither is part of the other
    assert fullest(("Mohamed Ali", "Ali Mohamed")) == ("Mohamed Ali", "Ali Mohamed")
    assert fullest(("Mohamed", "Mohamed Ali", "")) == ("Mohamed Ali",)
    one = PersonRecord("a", names=("Aisha Yassin Al-Shami",))
    two = PersonRecord("b", names=("AISHA ALKURDI", "Haj Aisha"))
    found = name(one, two, DEFAULT)
    assert found is not None and found.right == "AISHA ALKURDI"
    assert found.contribution < 0  # alkurdi against shami
    alone = name(one, PersonRecord("c", names=("Haj Aisha",)), DEFAULT)
    assert alone is not None and alone.contribution > 0  # a first name alone: no conflict


@pytest.mark.parametrize(
    ("holder", "saved", "label", "band"),
    [
        # a contact's label: a first name and a place, a kinship word or a trade
        ("Mohammed Naser Awad", "Mohammed Tobruk", True, "match"),
        ("Mehmed Yildiz", "Mehmet abi", True, "match"),
        ("Mehmed Yildiz", "Mehmet Kuşadası", True, "match"),
        # the same words in a name that is no label are another family name
        ("Mohammed Naser Awad", "Mohammed Tobruk", False, "link"),
        # a label agreeing on nothing is another identity on the number
        ("Mohammed Naser Awad", "Ahmed Tobruk", True, "link"),
    ],
)
def test_a_contacts_label_is_no_other_family_name(
    holder: str, saved: str, label: bool, band: str
) -> None:
    from mare.match.families import PERSON

    phone = frozenset({"phone:+218925215728"})
    held = PersonRecord("a", names=(holder,), birth_dates=("1974-08-22",), keys=phone)
    contact = PersonRecord("b", names=(saved,), keys=phone, label=label)
    result = score(held, contact)
    assert PERSON.band(result) == band
    name = {r.feature: r for r in result.reasons}["name"]
    assert ("a contact's label" in name.detail) is (label and band == "match")


def test_two_contacts_saved_under_other_words_share_the_number() -> None:
    """Two phones keep one number as "Aziz" and "Rebwar": for a contact, one word
    against one word is a label; for two named persons it is another name."""
    from mare.match.families import PERSON

    phone = frozenset({"phone:+9647844127066"})
    one = PersonRecord("a", names=("عەزیز",), keys=phone, label=True)
    two = PersonRecord("b", names=("Kak Rebwar",), keys=phone, label=True)
    assert PERSON.band(score(one, two)) == "match"
    named = PersonRecord("c", names=("Rebwar",), birth_dates=("1990-05-05",), keys=phone)
    assert PERSON.band(score(PersonRecord("d", names=("Aziz",), keys=phone), named)) == "link"
