"""A synthetic population of persons with ground truth, for the speed benchmark.

People are drawn from name pools of the communities the hub sees most
(Arabic-speaking, Afghan and Iranian, Eritrean and Ethiopian, Somali,
Kurdish, Turkish, Pakistani and Bangladeshi, West African, Russian and
Ukrainian), with Zipf-like name frequencies, so common names collide as
they do in real data ("Mohamed Ali" is many people). Each name is a group of
spellings of one name; a person's records use the spellings, scripts and
errors partners really send: another transliteration, the name in its own
script, order swapped, father's name dropped, a typo, a partial or
day/month-swapped birth date, a missing nationality, a shared phone or
passport. The generator is deterministic for a seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

import synth_names

# Each entry: spellings of one name, Latin first, then native script if any.
ARABIC_MALE = [
    ["Mohamed", "Mohammed", "Muhammad", "Mohammad", "Muhammed", "محمد"],
    ["Ahmed", "Ahmad", "أحمد"],
    ["Ali", "Aly", "علي"],
    ["Mahmoud", "Mahmud", "Mahmood", "محمود"],
    ["Omar", "Umar", "Omer", "عمر"],
    ["Khaled", "Khalid", "Khaleed", "خالد"],
    ["Youssef", "Yusuf", "Yousef", "Yousif", "يوسف"],
    ["Ibrahim", "Ebrahim", "Brahim", "إبراهيم"],
    ["Mustafa", "Moustafa", "Mostafa", "مصطفى"],
    ["Hassan", "Hasan", "Hassen", "حسن"],
    ["Hussein", "Hussain", "Husein", "Hossein", "حسين"],
    ["Abdelrahman", "Abdul Rahman", "Abd al-Rahman", "Abderrahmane", "عبد الرحمن"],
    ["Abdullah", "Abdallah", "Abdellah", "عبد الله"],
    ["Said", "Saeed", "Saeid", "سعيد"],
    ["Saad", "Saád", "سعد"],
    ["Tarek", "Tariq", "Tarik", "طارق"],
    ["Karim", "Kareem", "Krim", "كريم"],
    ["Nasser", "Naser", "Nasir", "ناصر"],
    ["Walid", "Waleed", "Oualid", "وليد"],
    ["Jamal", "Gamal", "Djamel", "جمال"],
    ["Samir", "Sameer", "سمير"],
    ["Bilal", "Belal", "بلال"],
    ["Adel", "Adil", "عادل"],
    ["Fadi", "Fady", "فادي"],
    ["Hamza", "Hamzah", "حمزة"],
    ["Osama", "Usama", "Oussama", "أسامة"],
    ["Rachid", "Rashid", "Rasheed", "رشيد"],
    ["Yassin", "Yasin", "Yassine", "ياسين"],
    ["Anas", "Enes", "أنس"],
    ["Ayman", "Aiman", "أيمن"],
]
ARABIC_FEMALE = [
    ["Fatima", "Fatma", "Fatimah", "فاطمة"],
    ["Aisha", "Aicha", "Aysha", "عائشة"],
    ["Mariam", "Maryam", "Meriem", "مريم"],
    ["Khadija", "Khadidja", "Khadeeja", "خديجة"],
    ["Amina", "Aminah", "Emina", "أمينة"],
    ["Noor", "Nour", "Nur", "نور"],
    ["Samira", "Sameera", "سميرة"],
    ["Layla", "Leila", "Laila", "ليلى"],
    ["Rania", "Ranya", "رانيا"],
    ["Hiba", "Heba", "هبة"],
]
ARABIC_FAMILY = [
    ["Al-Masri", "El Masry", "Elmasri", "المصري"],
    ["Haddad", "Hadad", "حداد"],
    ["Nasser", "Naser", "Nassir", "ناصر"],
    ["Hamdan", "Hamdane", "حمدان"],
    ["Khalil", "Khaleel", "Halil", "خليل"],
    ["Saleh", "Salih", "Saleh", "صالح"],
    ["Abbas", "Abas", "عباس"],
    ["Mansour", "Mansur", "منصور"],
    ["Othman", "Osman", "Usman", "عثمان"],
    ["Suleiman", "Sulaiman", "Slimane", "سليمان"],
    ["Al-Tamimi", "Tamimi", "Et-Tamimi", "التميمي"],
    ["Ben Ali", "Benali", "Bin Ali", "بن علي"],
    ["Bakr", "Bakir", "Bekr", "بكر"],
    ["Darwish", "Darwiche", "Derwish", "درويش"],
    ["Zayed", "Zaid", "Zeid", "زايد"],
    ["Al-Shami", "Shami", "Chami", "الشامي"],
    ["Qassem", "Kassem", "Qasim", "Kacem", "قاسم"],
    ["Jaber", "Jabir", "Djaber", "جابر"],
    ["Rahman", "Rahmane", "رحمن"],
    ["Al-Amin", "Lamine", "Elamin", "الأمين"],
]
PERSIAN_MALE = [
    ["Reza", "Riza", "Resa", "رضا"],
    ["Mehdi", "Mahdi", "Mehdy", "مهدی"],
    ["Hossein", "Hosein", "Husain", "حسین"],
    ["Ahmad", "Ahmed", "احمد"],
    ["Mohammad", "Mohammed", "Muhammad", "محمد"],
    ["Gholam", "Ghulam", "Golam", "غلام"],
    ["Javad", "Jawad", "جواد"],
    ["Farhad", "Farhaad", "فرهاد"],
    ["Sayed", "Sayyid", "Seyed", "سید"],
    ["Ghulam Sakhi", "Golam Sakhi", "غلام سخی"],
    ["Wahid", "Vahid", "وحید"],
    ["Nawid", "Navid", "Naveed", "نوید"],
    ["Abdul Qadir", "Abdulkadir", "Abdul Qader", "عبدالقادر"],
    ["Rahmatullah", "Rahmatulla", "رحمت الله"],
    ["Zabihullah", "Zabiullah", "ذبیح الله"],
]
PERSIAN_FAMILY = [
    ["Rezaei", "Rezaie", "Rezayi", "رضایی"],
    ["Hosseini", "Husseini", "Hoseyni", "حسینی"],
    ["Ahmadi", "Ahmady", "احمدی"],
    ["Mohammadi", "Muhammadi", "محمدی"],
    ["Karimi", "Kareemi", "کریمی"],
    ["Ahmadzai", "Ahmadzay", "احمدزی"],
    ["Popal", "Popul", "پوپل"],
    ["Sultani", "Soltani", "سلطانی"],
    ["Naderi", "Nadery", "نادری"],
    ["Amiri", "Ameri", "امیری"],
    ["Jafari", "Jaafari", "جعفری"],
    ["Stanekzai", "Stanikzai", "ستانکزی"],
]
TIGRINYA_MALE = [
    ["Yonas", "Yonás", "Jonas", "ዮናስ"],
    ["Tesfay", "Tesfaye", "Tesfai", "ተስፋይ"],
    ["Habtom", "Habtum", "ሃብቶም"],
    ["Yohannes", "Yohanes", "Johannes", "ዮሃንስ"],
    ["Dawit", "Dawitt", "Dawid", "ዳዊት"],
    ["Kidane", "Kidan", "ኪዳነ"],
    ["Berhane", "Berhani", "Birhane", "ብርሃነ"],
    ["Mehari", "Mihari", "መሓሪ"],
    ["Filmon", "Filimon", "ፊልሞን"],
    ["Ermias", "Eremias", "ኤርምያስ"],
    ["Samuel", "Samiel", "ሳሙኤል"],
    ["Tekle", "Teklay", "ተኽለ"],
]
TIGRINYA_FAMILY = [
    ["Gebremariam", "Ghebremariam", "Gebre Mariam", "ገብረማርያም"],
    ["Gebremedhin", "Ghebremedhin", "Gebre Medhin", "ገብረመድህን"],
    ["Tesfamariam", "Tesfa Mariam", "ተስፋማርያም"],
    ["Haile", "Hailé", "Hayle", "ሃይለ"],
    ["Woldemichael", "Weldemichael", "Wolde Michael", "ወልደሚካኤል"],
    ["Kahsay", "Kassay", "Kahsai", "ካሕሳይ"],
    ["Tsegay", "Tsegai", "Tsegaye", "ጸጋይ"],
    ["Abraha", "Abreha", "ኣብርሃ"],
    ["Asmerom", "Asmerum", "ኣስመሮም"],
    ["Negash", "Negasi", "ነጋሽ"],
]
SOMALI_MALE = [
    ["Mohamed", "Maxamed", "Mohammed", "Mahamed"],
    ["Abdi", "Cabdi", "Abdiy"],
    ["Hassan", "Xasan", "Hasan"],
    ["Ali", "Cali", "Aly"],
    ["Abdullahi", "Cabdullahi", "Abdilahi"],
    ["Ahmed", "Axmed", "Ahmad"],
    ["Osman", "Cusmaan", "Othman"],
    ["Hussein", "Xuseen", "Hussain"],
    ["Farah", "Faarax", "Fara"],
    ["Yusuf", "Yuusuf", "Yousuf"],
]
SOMALI_FAMILY = [
    ["Warsame", "Warsama", "Warsamé"],
    ["Abdirahman", "Cabdiraxmaan", "Abdurahman"],
    ["Jama", "Jaamac", "Jamac"],
    ["Omar", "Cumar", "Umar"],
    ["Egal", "Cigaal", "Igal"],
    ["Nur", "Nuur", "Noor"],
    ["Aden", "Aadan", "Adan"],
    ["Ismail", "Ismaaciil", "Ismael"],
]
TURKISH_MALE = [
    ["Mehmet", "Mehmed", "Muhammed"],
    ["Mustafa", "Mustapha"],
    ["Ahmet", "Ahmed"],
    ["Hüseyin", "Huseyin", "Husein"],
    ["Emre", "Emré"],
    ["Murat", "Murad"],
    ["Özkan", "Ozkan"],
    ["Çağlar", "Caglar", "Chaglar"],
]
TURKISH_FAMILY = [
    ["Yılmaz", "Yilmaz", "Jilmaz"],
    ["Kaya", "Kaja"],
    ["Demir", "Demirr"],
    ["Şahin", "Sahin", "Shahin"],
    ["Çelik", "Celik", "Chelik"],
    ["Öztürk", "Ozturk", "Oeztuerk"],
    ["Aydın", "Aydin", "Aidin"],
]
SOUTH_ASIAN_MALE = [
    ["Imran", "Emran", "عمران"],
    ["Asif", "Aasif", "آصف"],
    ["Tariq", "Tarik", "طارق"],
    ["Rafiq", "Rafik", "Rafeeq", "رفیق"],
    ["Shahid", "Shaheed", "شاہد"],
    ["Nadeem", "Nadim", "ندیم"],
    ["Sohel", "Sohail", "Suhail", "সোহেল"],
    ["Rahim", "Raheem", "রহিম"],
]
SOUTH_ASIAN_FAMILY = [
    ["Khan", "Khan", "خان"],
    ["Hussain", "Hossain", "Husain", "হোসেন"],
    ["Chaudhry", "Chowdhury", "Choudhary", "চৌধুরী"],
    ["Akhtar", "Akhter", "اختر"],
    ["Rahman", "Rehman", "রহমান"],
    ["Butt", "Butte", "بٹ"],
    ["Islam", "Eslam", "ইসলাম"],
]
WEST_AFRICAN_MALE = [
    ["Mamadou", "Mamadu", "Mamoudou"],
    ["Ousmane", "Usman", "Ousman"],
    ["Ibrahima", "Ibrahim", "Brahima"],
    ["Moussa", "Musa", "Mousa"],
    ["Abdoulaye", "Abdulai", "Abdoulay"],
    ["Chukwuemeka", "Chukwuemeke", "Emeka"],
    ["Oluwaseun", "Oluwasheun", "Olu Seun"],
    ["Kwame", "Kwami"],
]
WEST_AFRICAN_FAMILY = [
    ["Diallo", "Jallow", "Diallô"],
    ["Traoré", "Traore", "Trawally"],
    ["Coulibaly", "Kulibali", "Koulibaly"],
    ["Camara", "Kamara"],
    ["Bah", "Ba", "Baa"],
    ["Okafor", "Okaforr", "Okaphor"],
    ["Adeyemi", "Adeyemy"],
    ["Mensah", "Mensa"],
    ["Touré", "Toure", "Turay"],
]
SLAVIC_MALE = [
    ["Aleksandr", "Alexander", "Oleksandr", "Александр"],
    ["Sergei", "Sergey", "Serhiy", "Сергей"],
    ["Dmitri", "Dmitry", "Dmytro", "Дмитрий"],
    ["Yuri", "Yuriy", "Jurij", "Юрий"],
    ["Andrei", "Andrey", "Andriy", "Андрей"],
    ["Mikhail", "Mykhailo", "Michail", "Михаил"],
    ["Nikolai", "Nikolay", "Mykola", "Николай"],
    ["Vladimir", "Volodymyr", "Wladimir", "Владимир"],
]
SLAVIC_FAMILY = [
    ["Ivanov", "Ivanoff", "Iwanow", "Иванов"],
    ["Petrov", "Petroff", "Petrow", "Петров"],
    ["Kovalenko", "Kowalenko", "Коваленко"],
    ["Shevchenko", "Schewtschenko", "Ševčenko", "Шевченко"],
    ["Smirnov", "Smirnoff", "Смирнов"],
    ["Bondarenko", "Bondarenco", "Бондаренко"],
    ["Popov", "Popoff", "Попов"],
    ["Kuznetsov", "Kuznetsow", "Kusnezow", "Кузнецов"],
]


@dataclass(frozen=True, slots=True)
class Community:
    nationalities: tuple[str, ...]
    male: list[list[str]]
    female: list[list[str]]
    family: list[list[str]]
    father_name: bool  # given + father's + family name, as many Arabic and Eritrean names
    weight: float
    phone_prefix: str
    tradition: str  # the generated long tail of its names (`synth_names.tail`)


COMMUNITIES = [
    Community(
        ("sy", "iq", "eg", "ly", "sd", "jo"),
        ARABIC_MALE,
        ARABIC_FEMALE,
        ARABIC_FAMILY,
        True,
        0.30,
        "+963",
        "ar",
    ),
    Community(
        ("ma", "dz", "tn"), ARABIC_MALE, ARABIC_FEMALE, ARABIC_FAMILY, False, 0.10, "+212", "ar"
    ),
    Community(("af", "ir"), PERSIAN_MALE, ARABIC_FEMALE, PERSIAN_FAMILY, True, 0.15, "+93", "fa"),
    Community(
        ("er", "et"),
        TIGRINYA_MALE,
        [["Senait", "Sennait", "ሰናይት"], ["Helen", "Hellen", "ሄለን"], ["Mebrat", "Mebrhat"]],
        TIGRINYA_FAMILY,
        True,
        0.10,
        "+291",
        "er",
    ),
    Community(("so",), SOMALI_MALE, ARABIC_FEMALE, SOMALI_FAMILY, True, 0.07, "+252", "so"),
    Community(("tr",), TURKISH_MALE, ARABIC_FEMALE, TURKISH_FAMILY, False, 0.06, "+90", "tr"),
    Community(
        ("pk", "bd"), SOUTH_ASIAN_MALE, ARABIC_FEMALE, SOUTH_ASIAN_FAMILY, False, 0.08, "+92", "ur"
    ),
    Community(
        ("gn", "ml", "ng", "sn", "gh"),
        WEST_AFRICAN_MALE,
        ARABIC_FEMALE,
        WEST_AFRICAN_FAMILY,
        False,
        0.09,
        "+224",
        "wa",
    ),
    Community(
        ("ru", "ua", "by"),
        SLAVIC_MALE,
        [["Olga", "Olha", "Ольга"]],
        SLAVIC_FAMILY,
        False,
        0.05,
        "+380",
        "sl",
    ),
]


@dataclass(frozen=True, slots=True)
class Person:
    """The truth about one person."""

    number: int
    community: Community
    given: list[str]
    father: list[str] | None
    family: list[str]
    gender: str
    born: str  # ISO date
    nationality: str
    phone: str | None
    passport: str | None


# The common names of `COMMUNITIES` are drawn by these shares; the rest
# come from the generated long tail (`synth_names`), where no name is common.
HEAD_GIVEN = 0.85
HEAD_FAMILY = 0.3
TAIL_RANK = 20  # Zipf-Mandelbrot offset of the tail: its first name is 1 in 20 / ln(tail)
GIVEN_TAILS = frozenset({"ar", "fa", "so", "ur", "wa", "er"})


@cache
def _cumulative(size: int, offset: int) -> list[float]:
    return list(accumulate(1.0 / (r + offset) for r in range(size)))


def _zipf(rng: random.Random, pool: Sequence[list[str]], offset: int = 1) -> list[str]:
    # rank r drawn with weight 1/(r+offset): a few very common names, a long tail
    return rng.choices(pool, cum_weights=_cumulative(len(pool), offset))[0]


def _draw(
    rng: random.Random, head: list[list[str]], tail: list[list[str]], share: float
) -> list[str]:
    if tail and rng.random() >= share:
        return _zipf(rng, tail, TAIL_RANK)
    return _zipf(rng, head)


def people(n: int, seed: int = 7, start: int = 0) -> Iterator[Person]:
    """``n`` persons numbered from ``start`` (numbers make their phones and passports)."""
    rng = random.Random(seed)
    weights = [c.weight for c in COMMUNITIES]
    for number in range(start, start + n):
        c = rng.choices(COMMUNITIES, weights)[0]
        gender = "male" if rng.random() < 0.8 else "female"
        given_tail = synth_names.tail(c.tradition, False) if c.tradition in GIVEN_TAILS else []
        if gender == "male" or not c.female:
            given = _draw(rng, c.male, given_tail, HEAD_GIVEN)
        else:
            given = _zipf(rng, c.female)
        father = None
        if c.father_name and rng.random() < 0.7:
            father = _draw(rng, c.male, given_tail, HEAD_GIVEN)
        family = _draw(rng, c.family, synth_names.tail(c.tradition, True), HEAD_FAMILY)
        born = f"{rng.randint(1960, 2006)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        phone = f"{c.phone_prefix}9{number:08d}" if rng.random() < 0.5 else None
        passport = f"P{number:08d}" if rng.random() < 0.3 else None
        yield Person(
            number,
            c,
            given,
            father,
            family,
            gender,
            born,
            rng.choice(c.nationalities),
            phone,
            passport,
        )


def _typo(rng: random.Random, text: str) -> str:
    letters = [i for i, ch in enumerate(text) if ch.isalpha()]
    if len(letters) < 4:
        return text
    i = rng.choice(letters[1:])
    action = rng.randrange(3)
    if action == 0:
        return text[:i] + text[i + 1 :]  # dropped letter
    if action == 1 and i + 1 < len(text):
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]  # swapped letters
    return text[:i] + text[i] + text[i:]  # doubled letter


def _spelling(rng: random.Random, group: list[str], native: bool) -> str:
    latin = [s for s in group if s.isascii() or not _is_other_script(s)]
    other = [s for s in group if _is_other_script(s)]
    if native and other:
        return other[0]
    return rng.choice(latin)


def _is_other_script(text: str) -> bool:
    return any(ord(ch) > 0x2FF for ch in text)


def record(person: Person, variant: int, seed: int) -> dict[str, object]:
    """One partner's record of the person; variant 0 is the plainest."""
    rng = random.Random(seed * 1_000_003 + person.number * 31 + variant)
    groups = [person.given, person.family] + ([person.father] if person.father else [])
    writable = all(any(_is_other_script(s) for s in g) for g in groups)
    native = writable and variant > 0 and rng.random() < 0.25
    given = _spelling(rng, person.given, native)
    family = _spelling(rng, person.family, native)
    father = _spelling(rng, person.father, native) if person.father else None
    if father and variant > 0 and rng.random() < 0.4:
        father = None  # father's name left out
    parts = [given] + ([father] if father else []) + [family]
    if variant > 0 and not native and rng.random() < 0.15:
        parts = [_typo(rng, p) if i == 0 else p for i, p in enumerate(parts)]
    if variant > 0 and rng.random() < 0.2:
        parts = parts[-1:] + parts[:-1]  # family name first
    props: dict[str, list[str]] = {"name": [" ".join(parts)], "gender": [person.gender]}
    born = person.born
    roll = rng.random() if variant > 0 else 1.0
    if roll < 0.1:
        born = born[:4]
    elif roll < 0.15:
        y, m, d = born.split("-")
        born = f"{y}-{d}-{m}" if int(d) <= 12 else born
    elif roll < 0.25:
        born = ""
    if born:
        props["birthDate"] = [born]
    if variant == 0 or rng.random() < 0.7:
        props["nationality"] = [person.nationality]
    if person.phone and (variant == 0 or rng.random() < 0.5):
        props["phone"] = [person.phone]
    if person.passport and (variant == 0 or rng.random() < 0.4):
        props["passportNumber"] = [person.passport]
    return {"id": f"s{person.number}-{variant}", "schema": "Person", "properties": props}


def population(n: int, duplicates: float = 0.1, seed: int = 7) -> Iterator[dict[str, object]]:
    """Records of ``n`` persons; a share of them is sent again by other partners."""
    rng = random.Random(seed)
    for person in people(n, seed):
        yield record(person, 0, seed)
        if rng.random() < duplicates:
            for variant in range(1, 1 + rng.choice((1, 1, 2))):
                yield record(person, variant, seed)


def person_of(entity_id: str) -> str:
    """The ground-truth person of a record id."""
    return entity_id.split("-", 1)[0]
